//! The new-session form: center name, district, assessor(s), date (default today).
//!
//! ```text
//! +- 新建评估 -----------------------------+
//! | 受理中心  [徐汇区枫林街道社区事务受理…] |
//! | 区        [徐汇区                    ] |
//! | 评估员    [张三, 李四                ] |
//! | 日期      [2026-12-03                ] |
//! | error line                             |
//! | hints                                  |
//! +----------------------------------------+
//! ```

use super::draw;
use super::input::Input;
use super::labels::Labels;
use crate::app::Options;
use crate::clock;
use crate::session::NewSession;
use crate::text;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const CENTER: usize = 0;
const DATE: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Center, district, assessor(s), date.
    pub fields: [Input; 4],
    pub focus: usize,
    pub error: Option<String>,
}

/// What a key did to the form.
#[derive(Debug, Clone)]
pub enum FormOutcome {
    Editing,
    Cancel,
    Submit(NewSession),
}

impl Form {
    pub fn new(today: &str) -> Form {
        Form {
            fields: [
                Input::default(),
                Input::default(),
                Input::default(),
                Input::new(today),
            ],
            focus: CENTER,
            error: None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, labels: &Labels) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Char('c') if ctrl => return FormOutcome::Cancel,
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % self.fields.len(),
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len()
            }
            KeyCode::Enter if self.focus < DATE => self.focus += 1,
            KeyCode::Enter => return self.submit(labels),
            KeyCode::Char('s') if ctrl => return self.submit(labels),
            _ => {
                self.fields[self.focus].handle_key(key);
            }
        }
        FormOutcome::Editing
    }

    pub fn handle_paste(&mut self, text: &str) {
        self.fields[self.focus].insert(text);
    }

    /// Checks the fields; on a problem, focuses the field and says what is wrong.
    fn submit(&mut self, labels: &Labels) -> FormOutcome {
        let center = self.fields[CENTER].value.trim().to_string();
        if center.is_empty() {
            self.focus = CENTER;
            self.error = Some(labels.need_center.to_string());
            return FormOutcome::Editing;
        }
        let date = self.fields[DATE].value.trim().to_string();
        if !clock::is_date(&date) {
            self.focus = DATE;
            self.error = Some(labels.bad_date.to_string());
            return FormOutcome::Editing;
        }
        self.error = None;
        FormOutcome::Submit(NewSession {
            center,
            district: self.fields[1].value.trim().to_string(),
            assessors: crate::session::split_assessors([self.fields[2].value.as_str()]),
            date,
        })
    }

    /// Draws the form centred in `area` and puts the terminal cursor at the caret.
    pub fn render(&self, frame: &mut Frame, area: Rect, labels: &Labels, options: Options) {
        let width = area.width.saturating_sub(4).clamp(20, 64).min(area.width);
        let height = 8.min(area.height);
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        crate::ui::clear(frame.buffer_mut(), rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(draw::border_set(options))
            .title(Line::from(format!(" {} ", labels.form_title)));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let names = [
            labels.form_center,
            labels.form_district,
            labels.form_assessor,
            labels.form_date,
        ];
        let label_w = names.iter().map(|n| text::width(n)).max().unwrap_or(0) + 2;
        let field_w = (inner.width as usize).saturating_sub(label_w + 1);
        let mut lines = Vec::new();
        for (i, (name, field)) in names.iter().zip(&self.fields).enumerate() {
            let (shown, caret) = field.view(field_w);
            let marker = if i == self.focus { ">" } else { " " };
            let value_style = if i == self.focus {
                draw::selected(options)
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::from(vec![
                Span::raw(marker),
                Span::raw(text::pad(name, label_w)),
                Span::styled(text::pad(&shown, field_w), value_style),
            ]));
            if i == self.focus && (i as u16) < inner.height {
                let x = inner.x + (1 + label_w + caret) as u16;
                frame.set_cursor_position(Position {
                    x: x.min(inner.right().saturating_sub(1)),
                    y: inner.y + i as u16,
                });
            }
        }
        let cols = inner.width as usize;
        match &self.error {
            Some(e) => lines.push(Line::styled(
                draw::fit(e, cols, options),
                draw::error(options),
            )),
            None => lines.push(Line::raw("")),
        }
        // Enter moves on until the date, and creates there: say which it does now.
        let hints = if self.focus == DATE {
            labels.form_hints_last
        } else {
            labels.form_hints
        };
        lines.push(Line::styled(
            draw::fit(hints, cols, options),
            draw::dim(options),
        ));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lang;

    fn press(form: &mut Form, code: KeyCode) -> FormOutcome {
        form.handle_key(
            KeyEvent::new(code, KeyModifiers::NONE),
            super::super::labels::labels(Lang::Zh),
        )
    }

    fn type_text(form: &mut Form, s: &str) {
        for c in s.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    #[test]
    fn fills_and_submits_chinese_fields() {
        let mut f = Form::new("2026-12-03");
        type_text(&mut f, "枫林街道社区事务受理服务中心");
        press(&mut f, KeyCode::Enter);
        type_text(&mut f, "徐汇区");
        press(&mut f, KeyCode::Tab);
        f.handle_paste("张三，李四");
        press(&mut f, KeyCode::Enter);
        let FormOutcome::Submit(new) = press(&mut f, KeyCode::Enter) else {
            panic!("the form should submit")
        };
        assert_eq!(new.center, "枫林街道社区事务受理服务中心");
        assert_eq!(new.district, "徐汇区");
        assert_eq!(new.assessors, ["张三", "李四"]);
        assert_eq!(new.date, "2026-12-03");
    }

    #[test]
    fn refuses_an_empty_center_and_a_false_date() {
        let mut f = Form::new("2026-02-30");
        f.focus = DATE;
        assert!(matches!(
            press(&mut f, KeyCode::Enter),
            FormOutcome::Editing
        ));
        assert_eq!(f.focus, CENTER);
        assert_eq!(f.error.as_deref(), Some("请填写受理中心名称"));
        type_text(&mut f, "中心");
        f.focus = DATE;
        assert!(matches!(
            press(&mut f, KeyCode::Enter),
            FormOutcome::Editing
        ));
        assert_eq!(
            f.error.as_deref(),
            Some("日期格式应为 YYYY-MM-DD，且是真实日期")
        );
        assert!(matches!(press(&mut f, KeyCode::Esc), FormOutcome::Cancel));
    }
}
