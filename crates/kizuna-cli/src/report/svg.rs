//! Charts as inline SVG, so that the report needs nothing from the network to be read.
//!
//! One chart serves every need: stacked bars over categories (days, or reply-time bins),
//! with a legend, a y axis of round numbers, a tooltip on every bar, and categories worth
//! pointing at (spikes) marked.

use std::fmt::Write;

use super::html::escape;

/// One stacked layer: a name, a colour, and a value per category.
pub struct Layer<'a> {
    /// The legend's name.
    pub name: &'a str,
    /// A CSS colour.
    pub color: &'a str,
    /// A value per category.
    pub values: Vec<f64>,
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 40.0;

/// A stacked bar chart of `layers` over `categories`, the categories in `marked` outlined.
pub fn stacked_bars(
    title: &str,
    categories: &[String],
    layers: &[Layer<'_>],
    marked: &[usize],
) -> String {
    let n = categories.len().max(1);
    let totals: Vec<f64> = (0..n)
        .map(|i| layers.iter().filter_map(|l| l.values.get(i)).sum())
        .collect();
    let top = nice_ceiling(totals.iter().copied().fold(0.0, f64::max));
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / n as f64;
    let bar = (slot * 0.8).max(1.0);
    let y = |v: f64| TOP + plot_h - v / top * plot_h;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">"#,
        title = escape(title)
    );
    let _ = write!(svg, "<title>{}</title>", escape(title));
    // Legend along the top.
    let mut x = LEFT;
    for layer in layers {
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="8" width="10" height="10" fill="{}"/><text x="{:.1}" y="17" class="legend">{}</text>"#,
            layer.color,
            x + 14.0,
            escape(layer.name)
        );
        x += 24.0 + 7.0 * layer.name.chars().count() as f64;
    }
    // Y axis: four gridlines of round values.
    for step in 0..=4 {
        let value = top * f64::from(step) / 4.0;
        let _ = write!(
            svg,
            r#"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" class="grid"/><text x="{:.1}" y="{:.1}" class="axis" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(value) + 4.0,
            round_label(value),
            y = y(value)
        );
    }
    // Bars, bottom layer first.
    let label_every = n.div_ceil(12).max(1);
    for (i, category) in categories.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut base = 0.0;
        for layer in layers {
            let value = layer.values.get(i).copied().unwrap_or(0.0);
            if value > 0.0 {
                let _ = write!(
                    svg,
                    r#"<rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{:.1}" fill="{}"><title>{} · {}: {}</title></rect>"#,
                    y(base + value),
                    y(base) - y(base + value),
                    layer.color,
                    escape(category),
                    escape(layer.name),
                    round_label(value)
                );
            }
            base += value;
        }
        if marked.contains(&i) {
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{TOP}" width="{:.1}" height="{plot_h:.1}" class="marked"><title>{}: spike</title></rect>"#,
                x - 2.0,
                bar + 4.0,
                escape(category)
            );
        }
        if i % label_every == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text>"#,
                x + bar / 2.0,
                HEIGHT - BOTTOM + 16.0,
                escape(category)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (1 for nothing), so that the
/// axis reads in round steps.
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|c| *c >= value)
        .unwrap_or(10.0 * power)
}

fn round_label(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_round_up_to_readable_steps() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(18.0), 20.0);
        assert_eq!(nice_ceiling(23.0), 25.0);
        assert_eq!(nice_ceiling(250.0), 250.0);
        assert_eq!(nice_ceiling(251.0), 500.0);
    }

    #[test]
    fn every_nonzero_value_is_a_bar_with_its_tooltip_and_names_are_escaped() {
        let categories = vec!["11-20".to_owned(), "11-21".to_owned()];
        let layers = [
            Layer {
                name: "a<b",
                color: "#111",
                values: vec![1.0, 0.0],
            },
            Layer {
                name: "c",
                color: "#222",
                values: vec![2.0, 3.0],
            },
        ];
        let svg = stacked_bars("t & u", &categories, &layers, &[1]);
        assert_eq!(
            svg.matches("<rect").count(),
            2 + 3 + 1,
            "legend, bars, mark"
        );
        assert!(svg.contains("a&lt;b"));
        assert!(svg.contains("aria-label=\"t &amp; u\""));
        assert!(svg.contains("11-21 · c: 3"));
        assert!(svg.contains("11-21: spike"));
        assert!(!svg.contains("a<b"));
    }
}
