//! The tree as the screen walks it: categories → indicators → items, then the penalty group.
//!
//! Nodes are indexes into the standard (cheap to copy, never stale while the standard
//! is fixed). An indicator whose single item shares its id is shown as that item.

use crate::standard::Standard;
use std::collections::HashSet;

/// One row of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Category(usize),
    Indicator(usize, usize),
    /// A scored item: category, indicator, item index.
    Item(usize, usize, usize),
    /// The penalty group (扣分项).
    Penalties,
    Penalty(usize),
}

impl Node {
    pub fn id(self, s: &Standard) -> &str {
        match self {
            Node::Category(c) => &s.categories[c].id,
            Node::Indicator(c, i) => &s.categories[c].indicators[i].id,
            Node::Item(c, i, t) => &s.categories[c].indicators[i].items[t].id,
            Node::Penalties => &s.penalties.id,
            Node::Penalty(p) => &s.penalties.items[p].id,
        }
    }

    pub fn title(self, s: &Standard) -> &str {
        match self {
            Node::Category(c) => &s.categories[c].title,
            Node::Indicator(c, i) => &s.categories[c].indicators[i].title,
            Node::Item(c, i, t) => &s.categories[c].indicators[i].items[t].title,
            Node::Penalties => &s.penalties.title,
            Node::Penalty(p) => &s.penalties.items[p].title,
        }
    }

    /// Nesting depth for indentation.
    pub fn depth(self, s: &Standard) -> usize {
        match self {
            Node::Category(_) | Node::Penalties => 0,
            Node::Indicator(..) | Node::Penalty(_) => 1,
            Node::Item(c, i, _) if is_leaf_indicator(s, c, i) => 1,
            Node::Item(..) => 2,
        }
    }

    /// True for rows that can be expanded.
    pub fn is_group(self) -> bool {
        matches!(
            self,
            Node::Category(_) | Node::Indicator(..) | Node::Penalties
        )
    }

    /// The groups that must be expanded for this node to be visible, outermost first.
    pub fn ancestors(self, s: &Standard) -> Vec<Node> {
        match self {
            Node::Category(_) | Node::Penalties => vec![],
            Node::Indicator(c, _) => vec![Node::Category(c)],
            Node::Item(c, i, _) if is_leaf_indicator(s, c, i) => vec![Node::Category(c)],
            Node::Item(c, i, _) => vec![Node::Category(c), Node::Indicator(c, i)],
            Node::Penalty(_) => vec![Node::Penalties],
        }
    }

    pub fn parent(self, s: &Standard) -> Option<Node> {
        self.ancestors(s).pop()
    }
}

/// An indicator that is itself the scored item (2.2, 4.1, 7.3 …).
pub fn is_leaf_indicator(s: &Standard, c: usize, i: usize) -> bool {
    let ind = &s.categories[c].indicators[i];
    ind.items.len() == 1 && ind.items[0].id == ind.id
}

/// The rows currently visible, in order.
pub fn rows(s: &Standard, expanded: &[String]) -> Vec<Node> {
    let open: HashSet<&str> = expanded.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for (c, cat) in s.categories.iter().enumerate() {
        out.push(Node::Category(c));
        if !open.contains(cat.id.as_str()) {
            continue;
        }
        for (i, ind) in cat.indicators.iter().enumerate() {
            if is_leaf_indicator(s, c, i) {
                out.push(Node::Item(c, i, 0));
                continue;
            }
            out.push(Node::Indicator(c, i));
            if open.contains(ind.id.as_str()) {
                out.extend((0..ind.items.len()).map(|t| Node::Item(c, i, t)));
            }
        }
    }
    out.push(Node::Penalties);
    if open.contains(s.penalties.id.as_str()) {
        out.extend((0..s.penalties.items.len()).map(Node::Penalty));
    }
    out
}

/// Every scored item in tree order.
pub fn items(s: &Standard) -> impl Iterator<Item = Node> + '_ {
    s.categories.iter().enumerate().flat_map(|(c, cat)| {
        cat.indicators
            .iter()
            .enumerate()
            .flat_map(move |(i, ind)| (0..ind.items.len()).map(move |t| Node::Item(c, i, t)))
    })
}

/// Every node, expanded or not, in tree order.
pub fn all(s: &Standard) -> Vec<Node> {
    let everything = groups(s)
        .iter()
        .map(|n| n.id(s).to_string())
        .collect::<Vec<_>>();
    rows(s, &everything)
}

/// Every expandable node.
pub fn groups(s: &Standard) -> Vec<Node> {
    let mut out = Vec::new();
    for (c, cat) in s.categories.iter().enumerate() {
        out.push(Node::Category(c));
        for i in 0..cat.indicators.len() {
            if !is_leaf_indicator(s, c, i) {
                out.push(Node::Indicator(c, i));
            }
        }
    }
    out.push(Node::Penalties);
    out
}

/// Finds a node by id (category, indicator, item or penalty).
pub fn find(s: &Standard, id: &str) -> Option<Node> {
    let id = id.trim();
    if id == s.penalties.id {
        return Some(Node::Penalties);
    }
    if let Some(p) = s.penalties.items.iter().position(|p| p.id == id) {
        return Some(Node::Penalty(p));
    }
    for (c, cat) in s.categories.iter().enumerate() {
        if cat.id == id {
            return Some(Node::Category(c));
        }
        if !id.starts_with(cat.id.as_str()) {
            continue;
        }
        for (i, ind) in cat.indicators.iter().enumerate() {
            if let Some(t) = ind.items.iter().position(|it| it.id == id) {
                return Some(Node::Item(c, i, t));
            }
            if ind.id == id {
                return Some(Node::Indicator(c, i));
            }
        }
    }
    None
}

/// The scored items under a group node.
pub fn items_under(s: &Standard, node: Node) -> Vec<Node> {
    match node {
        Node::Category(c) => items(s)
            .filter(|n| matches!(n, Node::Item(nc, ..) if *nc == c))
            .collect(),
        Node::Indicator(c, i) => (0..s.categories[c].indicators[i].items.len())
            .map(|t| Node::Item(c, i, t))
            .collect(),
        _ => vec![],
    }
}
