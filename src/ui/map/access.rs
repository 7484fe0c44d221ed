//! The keyboard path through the map (Escape, Tab and arrows through elements in reading
//! order) and one AccessKit node per visible element.

use egui::accesskit::{Action, Role};
use egui::{CornerRadius, Key, Painter};

use super::MapPanel;
use crate::model::ElementId;
use crate::ui::{Command, ViewCtx};

/// The id of an element's AccessKit node.
pub fn element_widget_id(key: &str) -> egui::Id {
    egui::Id::unique(("aras-map-element", key))
}

impl MapPanel {
    /// Visible elements in reading order: the keyboard path.
    pub(super) fn keyboard_order(&self, ctx: &ViewCtx<'_>) -> Vec<ElementId> {
        let Some(cache) = &self.cache else {
            return Vec::new();
        };
        ctx.order
            .iter()
            .copied()
            .filter(|id| cache.element_rects.contains_key(id))
            .collect()
    }

    /// Escape clears; with focus, Tab and arrows step through `order`; draws the ring.
    pub(super) fn keyboard(
        &mut self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        response: &egui::Response,
        painter: &Painter,
        order: &[ElementId],
        commands: &mut Vec<Command>,
    ) {
        if ui.input(|i| i.key_pressed(Key::Escape)) && !ui.ctx().text_edit_focused() {
            commands.push(Command::Select(None));
        }
        if !response.has_focus() {
            return;
        }
        // A visible focus ring round the whole map, inside its edge.
        let ring = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        painter.rect_stroke(
            response.rect.shrink(1.0),
            0.0,
            ring,
            egui::StrokeKind::Inside,
        );
        if order.is_empty() {
            return;
        }
        // Keep Tab and the arrows for stepping through elements while the map has focus,
        // and Esc, which clears the selection without dropping the keyboard (F6 leaves).
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                response.id,
                egui::EventFilter {
                    tab: true,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            );
        });
        if let Some(i) = self.step(ui, ctx, order) {
            self.focus_index = Some(i);
            commands.push(Command::Select(order.get(i).copied()));
        }
        let rect = ctx
            .selection
            .selected
            .and_then(|s| self.cache.as_ref()?.element_rects.get(&s).copied());
        if let Some(r) = rect {
            painter.rect_stroke(
                r.expand(3.0),
                CornerRadius::same(3),
                ring,
                egui::StrokeKind::Outside,
            );
        }
    }

    /// The index the keys step to, if any; past either end Tab leaves the map.
    fn step(&self, ui: &egui::Ui, ctx: &ViewCtx<'_>, order: &[ElementId]) -> Option<usize> {
        let (next, prev) = ui.input_mut(|i| {
            let fwd = i.consume_key(egui::Modifiers::NONE, Key::ArrowRight)
                | i.consume_key(egui::Modifiers::NONE, Key::ArrowDown);
            let back = i.consume_key(egui::Modifiers::NONE, Key::ArrowLeft)
                | i.consume_key(egui::Modifiers::NONE, Key::ArrowUp);
            (fwd, back)
        });
        let cur = ctx
            .selection
            .selected
            .and_then(|s| order.iter().position(|o| *o == s))
            .or(self.focus_index);
        let last = order.len().saturating_sub(1);
        let tab_fwd = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Tab));
        let tab_back = ui.input_mut(|i| i.consume_key(egui::Modifiers::SHIFT, Key::Tab));
        if (tab_fwd && cur == Some(last)) || (tab_back && cur == Some(0)) {
            ui.memory_mut(|m| {
                m.move_focus(if tab_fwd {
                    egui::FocusDirection::Next
                } else {
                    egui::FocusDirection::Previous
                })
            });
        }
        if next || (tab_fwd && cur != Some(last)) {
            Some(cur.map_or(0, |c| (c + 1).min(last)))
        } else if prev || (tab_back && cur != Some(0)) {
            Some(cur.map_or(0, |c| c.saturating_sub(1)))
        } else {
            None
        }
    }

    /// One AccessKit button per visible element; its Click/Focus actions select it.
    pub(super) fn accesskit_nodes(
        &self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        order: &[ElementId],
        commands: &mut Vec<Command>,
    ) {
        let Some(cache) = &self.cache else { return };
        for id in order {
            let Some(el) = ctx.atlas.element(*id) else {
                continue;
            };
            let Some(r) = cache.element_rects.get(id) else {
                continue;
            };
            let node_id = element_widget_id(&el.key);
            ui.ctx().accesskit_node_builder(node_id, |n| {
                n.set_role(Role::Button);
                n.set_label(el.name.clone());
                let mut description = el.kind.label().to_owned();
                if el.changed.is_some() && !ctx.layers.exists_on_date(ctx.atlas, el) {
                    description.push_str("; on the map date: ");
                    description.push_str(el.before.as_deref().unwrap_or("not yet in this state"));
                }
                n.set_description(description);
                n.set_bounds(egui::accesskit::Rect {
                    x0: r.min.x as f64,
                    y0: r.min.y as f64,
                    x1: r.max.x as f64,
                    y1: r.max.y as f64,
                });
                n.add_action(Action::Click);
                n.add_action(Action::Focus);
                if ctx.selection.selected == Some(*id) {
                    n.set_selected(true);
                }
            });
            if ui.input(|i| {
                i.has_accesskit_action_request(node_id, Action::Click)
                    || i.has_accesskit_action_request(node_id, Action::Focus)
            }) {
                commands.push(Command::Select(Some(*id)));
            }
        }
    }
}
