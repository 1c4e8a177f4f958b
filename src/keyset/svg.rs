//! A key set's timeline as a self-contained SVG picture for a runbook: one bar per key,
//! coloured by state, the planned part (a retiring key until its removal) paler, a line
//! at "now", dates on the axis and a legend. No scripts, no external references, text
//! escaped; integer coordinates, so the same set and `now` give the same bytes.

use std::fmt::Write;

use super::manifest::State;
use super::timeline::{Lane, Timeline};
use crate::clock::format_utc;

const WIDTH: i64 = 960;
/// Where the bars start and end.
const X0: i64 = 380;
const X1: i64 = 940;
const TOP: i64 = 64;
const ROW: i64 = 30;
const BAR: i64 = 16;

fn colour(state: State) -> &'static str {
    match state {
        State::Next => "#6baed6",
        State::Active => "#31a354",
        State::Retiring => "#fd8d3c",
        State::Removed => "#969696",
    }
}

/// `s` safe as XML text or an attribute value. Control characters (which XML 1.0 cannot
/// carry even escaped; the manifest refuses them in kids anyway) become U+FFFD.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\t' | '\n') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The x of time `t` on the axis.
fn x(t: &Timeline, at: i64) -> i64 {
    let span = i128::from(t.end - t.start).max(1);
    let off = i128::from(at.clamp(t.start, t.end) - t.start);
    X0 + (off * i128::from(X1 - X0) / span) as i64
}

fn date(t: i64) -> String {
    format_utc(t).chars().take(10).collect()
}

/// The picture of `t`.
pub(crate) fn svg(t: &Timeline) -> String {
    let rows = t.lanes.len() as i64;
    let axis = TOP + rows * ROW + 8;
    let height = axis + 70;
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        o,
        r#"<title>Key set timeline at {}</title>"#,
        xml(&format_utc(t.now))
    );
    let _ = writeln!(
        o,
        r##"<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        o,
        r#"<text x="16" y="28" font-size="16" font-weight="bold">Key set timeline at {}</text>"#,
        xml(&format_utc(t.now))
    );
    let _ = writeln!(
        o,
        r##"<text x="16" y="52" fill="#555555">KID</text><text x="{}" y="52" fill="#555555">ALG</text><text x="{X0}" y="52" fill="#555555">STATE OVER TIME</text>"##,
        X0 - 70
    );
    for (i, lane) in t.lanes.iter().enumerate() {
        lane_row(&mut o, t, lane, TOP + i as i64 * ROW);
    }
    axis_and_now(&mut o, t, axis);
    legend(&mut o, axis + 50);
    o.push_str("</svg>\n");
    o
}

fn lane_row(o: &mut String, t: &Timeline, lane: &Lane, y: i64) {
    let kid = xml(&lane.kid);
    let _ = writeln!(
        o,
        r#"<text x="16" y="{}" font-family="monospace" font-size="11">{kid}</text><text x="{}" y="{}">{}</text>"#,
        y + 12,
        X0 - 70,
        y + 12,
        xml(&lane.alg)
    );
    for (state, from, to, due) in lane.spans(t.now, t.end) {
        let (a, b) = (x(t, from), x(t, to));
        let look = match due {
            true => r#" fill-opacity="0.35" stroke-dasharray="4 2""#,
            false => "",
        };
        let when = if due { " (planned)" } else { "" };
        let _ = writeln!(
            o,
            r#"<rect x="{a}" y="{y}" width="{}" height="{BAR}" fill="{c}" stroke="{c}"{look}><title>{kid}: {}{when} {} to {}</title></rect>"#,
            (b - a).max(1),
            state.name(),
            xml(&format_utc(from)),
            xml(&format_utc(to)),
            c = colour(state),
        );
    }
    for step in &lane.steps {
        let _ = writeln!(
            o,
            r##"<circle cx="{}" cy="{}" r="3" fill="#ffffff" stroke="#333333"><title>{kid}: {} {} {}</title></circle>"##,
            x(t, step.at),
            y + BAR / 2,
            step.state.name(),
            if step.due { "due" } else { "from" },
            xml(&format_utc(step.at)),
        );
    }
}

fn axis_and_now(o: &mut String, t: &Timeline, y: i64) {
    let _ = writeln!(
        o,
        r##"<line x1="{X0}" y1="{y}" x2="{X1}" y2="{y}" stroke="#333333"/>"##
    );
    for (at, anchor) in [(t.start, "start"), (t.end, "end")] {
        let _ = writeln!(
            o,
            r##"<line x1="{0}" y1="{y}" x2="{0}" y2="{1}" stroke="#333333"/><text x="{0}" y="{2}" text-anchor="{anchor}">{3}</text>"##,
            x(t, at),
            y + 5,
            y + 18,
            date(at)
        );
    }
    let n = x(t, t.now);
    let _ = writeln!(
        o,
        r##"<line x1="{n}" y1="{}" x2="{n}" y2="{y}" stroke="#d62728" stroke-dasharray="3 3"/><text x="{n}" y="{}" fill="#d62728" text-anchor="middle">now {}</text>"##,
        TOP - 6,
        y + 32,
        xml(&format_utc(t.now))
    );
}

fn legend(o: &mut String, y: i64) {
    let items = [
        (colour(State::Next), "", "next: published, not signing"),
        (colour(State::Active), "", "active: signing"),
        (
            colour(State::Retiring),
            "",
            "retiring: published for tokens it signed",
        ),
        (
            colour(State::Retiring),
            r#" fill-opacity="0.35" stroke-dasharray="4 2""#,
            "planned, until removal",
        ),
    ];
    let mut lx = 16;
    for (c, look, label) in items {
        let _ = writeln!(
            o,
            r#"<rect x="{lx}" y="{}" width="14" height="10" fill="{c}" stroke="{c}"{look}/><text x="{}" y="{y}">{label}</text>"#,
            y - 9,
            lx + 20
        );
        lx += 20 + 7 * label.len() as i64 + 24;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(xml(r#"a<b>&"c'"#), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml("k\u{1}"), "k\u{fffd}");
    }

    #[test]
    fn times_map_into_the_chart_and_clamp_at_its_edges() {
        let t = Timeline {
            now: 50,
            start: 0,
            end: 100,
            lanes: Vec::new(),
        };
        assert_eq!(x(&t, 0), X0);
        assert_eq!(x(&t, 100), X1);
        assert_eq!(x(&t, 50), (X0 + X1) / 2);
        assert_eq!(x(&t, -5), X0);
        assert_eq!(x(&t, 500), X1);
    }
}
