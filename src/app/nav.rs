//! Moving around the tree: cursor, expanding and collapsing, jumping and searching.
//! None of this changes the assessment, only `session.view`.

use super::App;
use super::tree::{self, Node};
use crate::i18n::{self, L};
use crate::standard::{self, Standard};

impl App {
    /// Makes the saved view usable: a fresh session opens fully expanded at the first item;
    /// a saved cursor is made visible; ids the standard lacks are dropped.
    pub(super) fn restore_view(&mut self) {
        let s = &self.loaded.standard;
        let view = &mut self.session.view;
        if view.cursor.is_none() && view.expanded.is_empty() {
            view.expanded = tree::groups(s)
                .iter()
                .map(|n| n.id(s).to_string())
                .collect();
            view.cursor = tree::items(s).next().map(|n| n.id(s).to_string());
        }
        view.expanded
            .retain(|id| tree::find(s, id).is_some_and(|n| n.is_group()));
        let cursor = view.cursor.as_deref().and_then(|id| tree::find(s, id));
        let node = cursor.unwrap_or(Node::Category(0));
        self.set_cursor(node);
    }

    /// The node under the cursor (always a visible row).
    pub(crate) fn cursor(&self) -> Node {
        let s = &self.loaded.standard;
        self.session
            .view
            .cursor
            .as_deref()
            .and_then(|id| tree::find(s, id))
            .unwrap_or(Node::Category(0))
    }

    /// Puts the cursor on `node`, expanding its ancestors so it is visible. Another node's
    /// detail starts at its top.
    pub(crate) fn set_cursor(&mut self, node: Node) {
        let s = &self.loaded.standard;
        for group in node.ancestors(s) {
            set_expanded(s, &mut self.session.view.expanded, group, true);
        }
        let id = node.id(s);
        if self.session.view.cursor.as_deref() != Some(id) {
            self.detail.offset = 0;
        }
        self.session.view.cursor = Some(id.to_string());
    }

    /// Scrolls the detail pane `delta` lines, within what the last frame showed.
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let d = &mut self.detail;
        d.offset = d.offset.saturating_add_signed(delta).min(d.max);
    }

    /// A page of the detail pane: what it shows, less one line kept for context.
    pub(super) fn detail_page(&self) -> isize {
        self.detail.page.saturating_sub(1).max(1) as isize
    }

    pub(super) fn is_expanded(&self, node: Node) -> bool {
        let id = node.id(&self.loaded.standard);
        self.session.view.expanded.iter().any(|e| e == id)
    }

    pub(super) fn set_expanded(&mut self, node: Node, open: bool) {
        set_expanded(
            &self.loaded.standard,
            &mut self.session.view.expanded,
            node,
            open,
        );
    }

    /// Moves the cursor `delta` rows, stopping at the ends.
    pub(super) fn move_by(&mut self, delta: isize) {
        let rows = self.rows();
        let cursor = self.cursor();
        let at = rows.iter().position(|n| *n == cursor).unwrap_or(0);
        let to = at
            .saturating_add_signed(delta)
            .min(rows.len().saturating_sub(1));
        if let Some(node) = rows.get(to) {
            self.set_cursor(*node);
        }
    }

    pub(super) fn move_to_end(&mut self, last: bool) {
        let rows = self.rows();
        let node = if last { rows.last() } else { rows.first() };
        if let Some(node) = node.copied() {
            self.set_cursor(node);
        }
    }

    /// ← / h: collapse an open group, otherwise go to the parent.
    pub(super) fn collapse(&mut self) {
        let node = self.cursor();
        if node.is_group() && self.is_expanded(node) {
            self.set_expanded(node, false);
        } else if let Some(parent) = node.parent(&self.loaded.standard) {
            self.set_cursor(parent);
        }
    }

    /// → / l: expand a group, or step into an open one.
    pub(super) fn expand(&mut self) {
        let node = self.cursor();
        if !node.is_group() {
            return;
        }
        if self.is_expanded(node) {
            self.move_by(1);
        } else {
            self.set_expanded(node, true);
        }
    }

    pub(super) fn toggle(&mut self) {
        let node = self.cursor();
        if node.is_group() {
            let open = self.is_expanded(node);
            self.set_expanded(node, !open);
        }
    }

    /// The first scored item after the cursor in tree order that satisfies `want`,
    /// wrapping around when `wrap`.
    pub(super) fn next_item(&self, wrap: bool, want: impl Fn(&App, Node) -> bool) -> Option<Node> {
        let s = &self.loaded.standard;
        let all = tree::all(s);
        let cursor = self.cursor();
        let at = all.iter().position(|n| *n == cursor).unwrap_or(0);
        let after = all[at + 1..].iter();
        let before = all[..=at].iter().filter(|_| wrap);
        after
            .chain(before)
            .copied()
            .find(|n| matches!(n, Node::Item(..)) && want(self, *n))
    }

    /// Moves to the next scored item (after a mark), saying so at the end.
    pub(super) fn advance(&mut self) {
        match self.next_item(false, |_, _| true) {
            Some(node) => self.set_cursor(node),
            None => self.info(i18n::t(self.options.lang, L::LastItem)),
        }
    }

    pub(super) fn next_unreviewed(&mut self) {
        match self.next_item(true, |app, n| {
            app.session.mark(n.id(&app.loaded.standard)).is_none()
        }) {
            Some(node) => self.set_cursor(node),
            None => self.info(i18n::t(self.options.lang, L::AllReviewed)),
        }
    }

    /// `:` — go to a node by its number.
    pub(super) fn jump(&mut self, id: &str) {
        let id = id.trim().trim_start_matches(':');
        match tree::find(&self.loaded.standard, id) {
            Some(node) => self.set_cursor(node),
            None => self.error(i18n::no_such_item(self.options.lang, id)),
        }
    }

    /// `/`, n, N — the next node whose id or text contains the query.
    pub(super) fn search_step(&mut self, forward: bool) {
        let Some(query) = self.search.clone() else {
            self.info(i18n::t(self.options.lang, L::NoSearch));
            return;
        };
        let s = &self.loaded.standard;
        let needle = query.to_lowercase();
        let all = tree::all(s);
        let hits: Vec<usize> = all
            .iter()
            .enumerate()
            .filter(|(_, n)| matches(s, **n, &needle))
            .map(|(i, _)| i)
            .collect();
        if hits.is_empty() {
            self.error(i18n::no_match(
                self.options.lang,
                &crate::text::safe_line(&query),
            ));
            return;
        }
        let cursor = self.cursor();
        let at = all.iter().position(|n| *n == cursor).unwrap_or(0);
        let pick = if forward {
            hits.iter().position(|h| *h > at).unwrap_or(0)
        } else {
            hits.iter().rposition(|h| *h < at).unwrap_or(hits.len() - 1)
        };
        self.set_cursor(all[hits[pick]]);
        self.info(i18n::match_of(self.options.lang, pick + 1, hits.len()));
    }

    pub(super) fn set_search(&mut self, query: &str) {
        let q = query.trim();
        self.search = (!q.is_empty()).then(|| q.to_string());
    }
}

/// True when the node's id starts with the query or its title or text contains it.
fn matches(s: &Standard, node: Node, needle: &str) -> bool {
    let text = match node {
        Node::Item(c, i, t) => s.categories[c].indicators[i].items[t].text.as_str(),
        Node::Penalty(p) => s.penalties.items[p].text.as_str(),
        _ => "",
    };
    node.id(s).starts_with(needle)
        || node.title(s).to_lowercase().contains(needle)
        || text.to_lowercase().contains(needle)
}

fn set_expanded(s: &Standard, expanded: &mut Vec<String>, node: Node, open: bool) {
    let id = node.id(s);
    let present = expanded.iter().any(|e| e == id);
    if open && !present {
        expanded.push(id.to_string());
        expanded.sort_by(|a, b| standard::compare_ids(a, b));
    } else if !open && present {
        expanded.retain(|e| e != id);
    }
}
