//! Virtualised rendering, as arithmetic: which rows a scrolled viewport shows, and where to
//! scroll to reveal a row. The DOM holds only these rows, whatever the folder's size.

use std::ops::Range;

/// Rows rendered above and below the viewport, so fast scrolling shows no gap.
pub const OVERSCAN_LINES: usize = 6;

/// Load the next page when the window gets this close to the last loaded row.
pub const PREFETCH_ROWS: usize = 100;

/// The geometry of a scrolled list or grid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Height of one line (a row, or a line of grid tiles), in pixels.
    pub line_height: f64,
    /// Items per line (1 for a list).
    pub columns: usize,
    /// The viewport's height.
    pub viewport: f64,
}

impl Geometry {
    /// Lines for `total` items.
    pub fn lines(&self, total: usize) -> usize {
        total.div_ceil(self.columns.max(1))
    }

    /// The height of the whole scrolled content.
    pub fn content_height(&self, total: usize) -> f64 {
        self.lines(total) as f64 * self.line_height
    }

    /// The items to render at `scroll_top`: the visible lines and [`OVERSCAN_LINES`] around them.
    pub fn visible(&self, scroll_top: f64, total: usize) -> Range<usize> {
        if total == 0 || self.line_height <= 0.0 {
            return 0..0;
        }
        let columns = self.columns.max(1);
        let lines = self.lines(total);
        let first = (scroll_top.max(0.0) / self.line_height) as usize;
        let shown = (self.viewport.max(0.0) / self.line_height).ceil() as usize + 1;
        let start = first.saturating_sub(OVERSCAN_LINES).min(lines);
        let end = (first + shown + OVERSCAN_LINES).min(lines);
        (start * columns)..(end * columns).min(total)
    }

    /// Where an item is drawn: (top, column).
    pub fn position(&self, index: usize) -> (f64, usize) {
        let columns = self.columns.max(1);
        ((index / columns) as f64 * self.line_height, index % columns)
    }

    /// The scroll position that reveals `index` (none if it is already fully visible).
    pub fn reveal(&self, index: usize, scroll_top: f64) -> Option<f64> {
        let (top, _) = self.position(index);
        if top < scroll_top {
            Some(top)
        } else if top + self.line_height > scroll_top + self.viewport {
            Some((top + self.line_height - self.viewport).max(0.0))
        } else {
            None
        }
    }

    /// Items in one viewport (for Page Up and Page Down).
    pub fn page(&self) -> usize {
        let lines = (self.viewport / self.line_height.max(1.0)).floor().max(1.0) as usize;
        lines * self.columns.max(1)
    }
}

/// Whether the next page should be fetched for a window ending at `end` of `loaded` rows.
pub fn wants_more(end: usize, loaded: usize, has_next: bool) -> bool {
    has_next && end + PREFETCH_ROWS >= loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: Geometry = Geometry {
        line_height: 40.0,
        columns: 1,
        viewport: 400.0,
    };

    #[test]
    fn the_window_is_bounded_whatever_the_size() {
        for total in [0, 1, 50, 100_000] {
            for scroll in [0.0, 1234.5, 40.0 * 99_990.0, 1e12] {
                let r = LIST.visible(scroll, total);
                assert!(r.len() <= 11 + 2 * OVERSCAN_LINES, "{total} {scroll} {r:?}");
                assert!(r.end <= total);
            }
        }
        assert_eq!(LIST.visible(0.0, 100_000), 0..17);
        assert_eq!(LIST.visible(40.0 * 1000.0, 100_000), 994..1017);
        let last = LIST.visible(LIST.content_height(100_000) - 400.0, 100_000);
        assert_eq!(last.end, 100_000, "the last row is reachable");
    }

    #[test]
    fn grids_render_whole_lines() {
        let grid = Geometry {
            line_height: 200.0,
            columns: 4,
            viewport: 600.0,
        };
        assert_eq!(grid.lines(10), 3);
        assert_eq!(grid.visible(0.0, 10), 0..10);
        assert_eq!(grid.visible(200.0 * 100.0, 1000), (94 * 4)..(110 * 4));
        assert_eq!(grid.position(5), (200.0, 1));
        assert_eq!(grid.page(), 12);
    }

    #[test]
    fn revealing_scrolls_only_when_needed() {
        assert_eq!(LIST.reveal(5, 0.0), None);
        assert_eq!(LIST.reveal(10, 0.0), Some(40.0));
        assert_eq!(LIST.reveal(2, 400.0), Some(80.0));
        assert!(wants_more(150, 200, true));
        assert!(!wants_more(50, 200, true));
        assert!(!wants_more(199, 200, false));
    }
}
