//! `legatec --report --report-format html -o report.html`: the distribution report and,
//! with `--machine`, the prediction (and with `--profile` the measurement) as one
//! self-contained HTML file: inline CSS and SVG, no script, nothing fetched. It draws what
//! the text and JSON reports say, from the same plan and prediction:
//! - every array split by rows as its blocks over the ranks, ghost rows hatched;
//! - per loop a bar of predicted (and measured) seconds split into its kernels and
//!   library calls and its communication;
//! - a roofline of the machine (one rank's memory bandwidth and arithmetic rate) with every
//!   kernel as a point at its arithmetic intensity and predicted (and measured) rate.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use ir::{Layout, Module, StmtRef, SymExpr, Template};

use super::{code, comm_name, distribution, kernel_rows, line, message_rows, model_header, opt, seconds_text, shape_text, si, Rendered, NO_PLAN};
use crate::model::profile::{Comparison, Profile};
use crate::model::{Config, Prediction};

/// What the HTML report shows beyond the plan: the prediction and, when given, a profile.
pub struct Model<'a> {
    pub config: &'a Config<'a>,
    pub prediction: &'a Prediction,
    pub compared: Option<(&'a Profile, &'a Comparison)>,
}

/// At most this many ranks are drawn per array (the first ones).
const MAX_LANES: u32 = 16;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.4}\
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}\
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:right}\
td{white-space:nowrap}td:first-child,th:first-child,td.l,th.l{text-align:left}th{background:#f3f3f3}code,pre{font-size:.85em}\
figure{margin:1em 0}figcaption{font-size:.9em;margin-bottom:.3em}.note{color:#555;font-size:.9em}\
.k{fill:#3b6fb6}.k2{fill:#7fa6dd}.c{fill:#e08a1e}.o{fill:#bbb}svg text{font-size:11px;font-family:system-ui,sans-serif}";

/// `s` with HTML's special characters escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The rows `[lo, hi)` rank `q` of `p` owns of an array of `n0` rows on a template of `t`
/// rows at row offset `off`: the runtime's even blocks of the template
/// (`runtime_abi::even_block`), shifted and clipped to the array.
fn own_rows(n0: i64, t: i64, off: i64, q: i64, p: i64) -> (i64, i64) {
    let (lo, hi) = runtime_abi::even_block(t, q, p);
    let lo = (lo - off).clamp(0, n0);
    let hi = (hi - off).clamp(0, n0);
    (lo, hi.max(lo))
}

/// The rows of axis 0 of an array of the plan, where known: the walk's concrete shape, or
/// a constant of the symbolic one.
fn rows_of(site: &ir::ArrayPlan, id: ir::ArrayId, model: Option<&Model>) -> Option<i64> {
    if let Some(shape) = model.and_then(|m| m.prediction.shapes.get(&id)) {
        return shape.first().copied();
    }
    match site.shape.first() {
        Some(SymExpr::Const(n)) => Some(*n),
        _ => None,
    }
}

/// How an array split by rows lies over the ranks: what its drawing shows. Arrays with
/// equal blocks are drawn once.
#[derive(PartialEq)]
struct Blocks {
    /// Rows of axis 0 (1,000 where unknown, drawn evenly and said so).
    n0: i64,
    known: bool,
    /// Ghost rows stored on each side, and those read before and after.
    ghost: i64,
    halo: (u32, u32),
    /// Each drawn rank's rows `[lo, hi)`.
    lanes: Vec<(i64, i64)>,
    /// What the drawing guesses: blocks known only at run time.
    how: String,
}

fn blocks(r: &Rendered, id: ir::ArrayId, ranks: u32, model: Option<&Model>) -> Option<Blocks> {
    let site = r.plan.array(id);
    let Layout::Rows { halo, template, .. } = &site.layout else { return None };
    let known = rows_of(site, id, model);
    let n0 = known.unwrap_or(1000).max(0);
    let (t, off, how) = match template {
        Template::Own => (n0, 0, String::new()),
        Template::Aligned { with, offset } => {
            let with_rows = rows_of(r.plan.array(*with), *with, model).unwrap_or(n0);
            match offset {
                // Said in each array's line (`distribution`).
                Some(o) => (with_rows, *o, String::new()),
                None => (with_rows, 0, format!("the blocks of {}'s rows at an offset known only at run time (drawn at 0)", r.name(*with))),
            }
        }
        Template::Var => (n0, 0, "block sizes known only at run time (drawn even)".to_string()),
    };
    let lanes = (0..ranks.min(MAX_LANES)).map(|q| own_rows(n0, t, off, i64::from(q), i64::from(ranks))).collect();
    Some(Blocks { n0, known: known.is_some(), ghost: i64::from(halo.0.max(halo.1)), halo: *halo, lanes, how })
}

/// Arrays split by rows that lie alike, drawn as a lane per rank.
fn blocks_figure(out: &mut String, r: &Rendered, source: &str, arrays: &[ir::ArrayId], b: &Blocks, ranks: u32) {
    let names: Vec<String> = arrays
        .iter()
        .map(|&id| {
            let site = r.plan.array(id);
            format!("<b>{}</b> {} (line {}): {}", esc(&site.name), esc(&shape_text(site)), line(source, r.span(site.origin)), esc(&distribution(r, site)))
        })
        .collect();
    let (below, above) = b.halo;
    let ghost = b.ghost;
    let n0 = b.n0;
    let (left, bar, lane, gap) = (64.0, 520.0, 16.0, 4.0);
    let lanes = b.lanes.len() as u32;
    let width = left + bar + 150.0;
    let height = f64::from(lanes) * (lane + gap) + 22.0;
    let scale = if n0 > 0 { bar / n0 as f64 } else { 0.0 };
    let _ = write!(
        out,
        "<figure><figcaption>{}<br>{} rows{}{}</figcaption>\n<svg width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"blocks over {ranks} ranks\">\
         <defs><pattern id=\"hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#eee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#777\" stroke-width=\"2\"/></pattern></defs>\n",
        names.join("<br>"),
        if b.known { n0.to_string() } else { "an unknown number of".to_string() },
        if b.how.is_empty() { String::new() } else { format!(", {}", esc(&b.how)) },
        if ghost > 0 { format!("; reads {below} ghost row(s) before its rows and {above} after, stores {ghost} each side (hatched)") } else { String::new() },
    );
    for (q, &(lo, hi)) in b.lanes.iter().enumerate() {
        let y = q as f64 * (lane + gap);
        let _ = write!(out, "<text x=\"0\" y=\"{}\">rank {q}</text>", y + 12.0);
        let _ = write!(out, "<rect x=\"{left}\" y=\"{y}\" width=\"{bar}\" height=\"{lane}\" fill=\"none\" stroke=\"#ddd\"/>");
        if hi > lo {
            let x0 = left + lo as f64 * scale;
            let w = ((hi - lo) as f64 * scale).max(1.0);
            let hue = (q * 47) % 360;
            let _ = write!(out, "<rect x=\"{x0:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{lane}\" fill=\"hsl({hue},55%,62%)\"/>");
            // Ghost rows: stored on each side that has a neighbour, at least 3 px wide.
            if ghost > 0 {
                let g = (ghost as f64 * scale).max(3.0);
                if lo > 0 {
                    let _ = write!(out, "<rect x=\"{:.1}\" y=\"{y}\" width=\"{g:.1}\" height=\"{lane}\" fill=\"url(#hatch)\"><title>rank {q}: {ghost} ghost row(s) before its rows</title></rect>", x0 - g);
                }
                if hi < n0 {
                    let _ = write!(out, "<rect x=\"{:.1}\" y=\"{y}\" width=\"{g:.1}\" height=\"{lane}\" fill=\"url(#hatch)\"><title>rank {q}: {ghost} ghost row(s) after its rows</title></rect>", x0 + w);
                }
            }
            let rows = if b.known { format!("rows {lo}-{}", hi - 1) } else { "its block".to_string() };
            let _ = write!(out, "<text x=\"{}\" y=\"{}\">{rows}</text>", left + bar + 8.0, y + 12.0);
        } else {
            let _ = write!(out, "<text x=\"{}\" y=\"{}\">no rows</text>", left + bar + 8.0, y + 12.0);
        }
    }
    let y = f64::from(lanes) * (lane + gap) + 12.0;
    let more = if ranks > lanes { format!(" (the first {lanes} of {ranks} ranks)") } else { String::new() };
    let last = if b.known { format!("row {}", n0 - 1) } else { "the last row".to_string() };
    let _ = write!(out, "<text x=\"{left}\" y=\"{y}\">row 0</text><text x=\"{}\" y=\"{y}\" text-anchor=\"end\">{last}{}</text></svg></figure>\n", left + bar, esc(&more));
}

/// The statements inside loop `at` (its body, nested blocks included).
fn loop_body(module: &Module, at: StmtRef) -> HashSet<StmtRef> {
    let mut out = HashSet::new();
    let f = &module.functions[at.func];
    ir::walk_stmts(&f.body, &mut |s| {
        if s.id == at.stmt {
            for inner in s.blocks() {
                ir::walk_stmts(inner, &mut |t| {
                    out.insert(StmtRef { func: at.func, stmt: t.id });
                });
            }
        }
    });
    out
}

/// A horizontal bar of segments `(seconds, class, tooltip)` at `y`, `scale` pixels per second.
fn bar(out: &mut String, x: f64, y: f64, height: f64, scale: f64, segments: &[(f64, &str, String)]) -> f64 {
    let mut at = x;
    for (seconds, class, title) in segments {
        let w = seconds * scale;
        if w <= 0.0 || !w.is_finite() {
            continue;
        }
        let _ = write!(out, "<rect class=\"{class}\" x=\"{at:.2}\" y=\"{y}\" width=\"{w:.2}\" height=\"{height}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{}</title></rect>", esc(title));
        at += w;
    }
    at
}

/// Per loop: predicted (and measured) seconds over the run, split into kernels and
/// communication, with the table of its parts.
fn loops_section(out: &mut String, module: &Module, r: &Rendered, source: &str, m: &Model) {
    let p = m.prediction;
    out.push_str("<h2>Loops</h2>\n");
    if p.loops.is_empty() {
        out.push_str("<p>No loops.</p>\n");
        return;
    }
    out.push_str("<p class=\"note\">Each bar is one loop's time over the whole run (one iteration where the trip count is unknown): \
        <span style=\"color:#3b6fb6\">■</span> kernels and library calls, <span style=\"color:#e08a1e\">■</span> communication, \
        <span style=\"color:#999\">■</span> the rest (work in called functions, host code). Hover a segment for its statement.</p>\n");
    for l in &p.loops {
        let body = loop_body(module, l.stmt);
        // Executions of one iteration: the loop's trips times its starts.
        let iterations = l.trips.zip(l.count).map(|(t, k)| t * k).filter(|&n| n > 0.0);
        let total = |per_exec: Option<f64>, count: Option<f64>| match iterations {
            Some(_) => per_exec.zip(count).map(|(s, k)| s * k),
            None => per_exec,
        };
        let mut segments: Vec<(f64, &str, String)> = Vec::new();
        let mut parts = String::new();
        for (i, w) in p.work.iter().filter(|w| body.contains(&w.stmt)).enumerate() {
            let Some(s) = total(w.seconds, w.count) else { continue };
            let what = format!("line {} {}: {}", line(source, r.span(w.stmt)), w.name, seconds_text(s));
            segments.push((s, if i % 2 == 0 { "k" } else { "k2" }, what));
            let _ = write!(parts, "<tr><td>{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td></tr>", line(source, r.span(w.stmt)), esc(&w.name), opt(w.count, si), seconds_text(s));
        }
        for msg in p.messages.iter().filter(|msg| body.contains(&msg.stmt)) {
            let Some(s) = total(msg.seconds, msg.count) else { continue };
            let what = comm_name(r, &msg.comm);
            segments.push((s, "c", format!("line {} {what}: {}", line(source, r.span(msg.stmt)), seconds_text(s))));
            let _ = write!(parts, "<tr><td>{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td></tr>", line(source, r.span(msg.stmt)), esc(&what), opt(msg.count, si), seconds_text(s));
        }
        let predicted = match iterations {
            Some(n) => l.seconds_per_iteration.map(|s| s * n),
            None => l.seconds_per_iteration,
        };
        let listed: f64 = segments.iter().map(|s| s.0).sum();
        if let Some(rest) = predicted.map(|p| p - listed).filter(|&rest| rest > 1e-3 * predicted.unwrap_or(0.0)) {
            segments.push((rest, "o", format!("the rest: {}", seconds_text(rest))));
        }
        // The measurement: the profile's statements written inside the loop.
        let measured = m.compared.and_then(|(profile, c)| {
            let seconds = c.loops.iter().find(|x| x.0 == l.stmt).map(|x| x.3)?;
            let mut segs: Vec<(f64, &str, String)> = Vec::new();
            for (i, s) in profile.statements.iter().filter(|s| body.contains(&s.at)).enumerate() {
                let host = (s.time() - s.mpi_seconds).max(0.0);
                segs.push((host, if i % 2 == 0 { "k" } else { "k2" }, format!("line {} {}: {} x, {}", s.line, s.what, s.count, seconds_text(host))));
                segs.push((s.mpi_seconds, "c", format!("line {} {}: MPI {}", s.line, s.what, seconds_text(s.mpi_seconds))));
            }
            Some((seconds, segs))
        });
        let longest = predicted.unwrap_or(0.0).max(measured.as_ref().map_or(0.0, |m| m.0));
        let (left, width) = (80.0, 520.0);
        let scale = if longest > 0.0 { width / longest } else { 0.0 };
        let rows = if measured.is_some() { 2.0 } else { 1.0 };
        let span = r.span(l.stmt);
        let _ = write!(
            out,
            "<figure><figcaption>line {} <code>{}</code>: {} iteration(s) × {} = <b>{}</b> predicted (kernels {}, communication {}){}</figcaption>\n\
             <svg width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"time of the loop at line {}\">",
            line(source, span),
            esc(&code(source, span)),
            opt(l.trips, si),
            opt(l.seconds_per_iteration, seconds_text),
            opt(predicted, seconds_text),
            opt(l.compute_per_iteration, seconds_text),
            opt(l.comm_per_iteration, seconds_text),
            measured.as_ref().map_or(String::new(), |(s, _)| format!(", measured <b>{}</b>{}", seconds_text(*s), predicted.filter(|p| *p > 0.0).map_or(String::new(), |p| format!(" ({:.2}× the prediction)", s / p)))),
            left + width + 90.0,
            rows * 26.0 + 4.0,
            line(source, span),
        );
        let _ = write!(out, "<text x=\"0\" y=\"15\">predicted</text>");
        let end = bar(out, left, 2.0, 20.0, scale, &segments);
        let _ = write!(out, "<text x=\"{:.1}\" y=\"15\">{}</text>", end + 6.0, opt(predicted, seconds_text));
        if let Some((seconds, segs)) = &measured {
            let _ = write!(out, "<text x=\"0\" y=\"41\">measured</text>");
            let end = bar(out, left, 28.0, 20.0, scale, segs);
            let _ = write!(out, "<text x=\"{:.1}\" y=\"41\">{}</text>", end + 6.0, seconds_text(*seconds));
        }
        out.push_str("</svg>\n");
        if !parts.is_empty() {
            let _ = write!(out, "<details><summary>its kernels and communication (predicted, over the run)</summary><table><tr><th>line</th><th class=\"l\">what</th><th>count</th><th>seconds</th></tr>{parts}</table></details>");
        }
        out.push_str("</figure>\n");
    }
}

/// The roofline of one rank with every kernel whose flops, bytes and time are known.
fn roofline(out: &mut String, r: &Rendered, source: &str, m: &Model) {
    let p = m.prediction;
    let roofs = p.roofs;
    out.push_str("<h2>Roofline</h2>\n");
    if roofs.bandwidth <= 0.0 || roofs.flops <= 0.0 {
        out.push_str("<p>The machine description has no bandwidth or arithmetic rate.</p>\n");
        return;
    }
    let measured: HashMap<StmtRef, (f64, f64)> = m
        .compared
        .map(|(profile, _)| profile.statements.iter().map(|s| (s.at, (s.count, s.time()))).collect())
        .unwrap_or_default();
    // (line, name, intensity, predicted flop/s, measured flop/s, bound)
    let mut points = Vec::new();
    for w in &p.work {
        let (Some(flops), Some(bytes), Some(seconds)) = (w.flops, w.bytes, w.seconds) else { continue };
        if flops <= 0.0 || bytes <= 0.0 || seconds <= 0.0 {
            continue;
        }
        let measured = measured.get(&w.stmt).filter(|(k, s)| *k > 0.0 && *s > 0.0).map(|(k, s)| flops / (s / k));
        points.push((line(source, r.span(w.stmt)), w.name.clone(), flops / bytes, flops / seconds, measured, w.bound.map_or("?", |b| b.name())));
    }
    let ridge = roofs.flops / roofs.bandwidth;
    let lg = f64::log10;
    let xs: Vec<f64> = points.iter().map(|p| p.2).chain([ridge]).collect();
    let x_lo = lg(xs.iter().copied().fold(f64::INFINITY, f64::min)).floor() - 1.0;
    let x_hi = lg(xs.iter().copied().fold(0.0, f64::max)).ceil() + 1.0;
    let ys: Vec<f64> = points.iter().flat_map(|p| [Some(p.3), p.4]).flatten().chain([roofs.flops, roofs.gemm.unwrap_or(roofs.flops), roofs.bandwidth * 10f64.powf(x_lo)]).collect();
    let y_lo = lg(ys.iter().copied().fold(f64::INFINITY, f64::min)).floor();
    let y_hi = lg(ys.iter().copied().fold(0.0, f64::max)).ceil() + 0.3;
    let (left, top, w, h) = (70.0, 10.0, 560.0, 340.0);
    let px = |x: f64| left + (lg(x) - x_lo) / (x_hi - x_lo) * w;
    let py = |y: f64| top + h - (lg(y) - y_lo) / (y_hi - y_lo) * h;
    let _ = write!(
        out,
        "<p class=\"note\">One rank: memory roof {}B/s (triad, its share of the node), arithmetic roof {} element operations/s{}. \
         Points: each kernel at its arithmetic intensity (flop per byte moved) and its predicted rate (● by what bounds it{}), labelled by line.</p>\n\
         <svg width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"roofline\">",
        si(roofs.bandwidth),
        si(roofs.flops),
        roofs.gemm.map_or(String::new(), |g| format!(", GEMM {}flop/s (dashed)", si(g))),
        if m.compared.is_some() { "; ○ measured, joined to its prediction" } else { "" },
        left + w + 20.0,
        top + h + 45.0
    );
    // Axes and decades.
    for d in (x_lo as i64)..=(x_hi as i64) {
        let x = px(10f64.powi(d as i32));
        let _ = write!(out, "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#eee\"/><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">1e{d}</text>", top + h, top + h + 14.0);
    }
    for d in (y_lo as i64)..=(y_hi.floor() as i64) {
        let y = py(10f64.powi(d as i32));
        let _ = write!(out, "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"#eee\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">1e{d}</text>", left + w, left - 4.0, y + 4.0);
    }
    let _ = write!(
        out,
        "<rect x=\"{left}\" y=\"{top}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"#999\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">arithmetic intensity (flop/byte)</text>\
         <text x=\"14\" y=\"{}\" transform=\"rotate(-90 14 {})\" text-anchor=\"middle\">flop/s per rank</text>",
        left + w / 2.0,
        top + h + 32.0,
        top + h / 2.0,
        top + h / 2.0
    );
    // The roof: bandwidth × intensity up to the ridge, then flat.
    let x0 = 10f64.powf(x_lo);
    let x1 = 10f64.powf(x_hi);
    let _ = write!(
        out,
        "<polyline points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"none\" stroke=\"#222\" stroke-width=\"2\"><title>roof: min({}B/s × intensity, {} op/s); ridge at {:.2} flop/B</title></polyline>",
        px(x0),
        py(roofs.bandwidth * x0),
        px(ridge),
        py(roofs.flops),
        px(x1),
        py(roofs.flops),
        si(roofs.bandwidth),
        si(roofs.flops),
        ridge
    );
    if let Some(g) = roofs.gemm.filter(|g| *g > roofs.flops) {
        // GEMM's roof: the same slope up to its own rate.
        let knee = (g / roofs.bandwidth).min(x1);
        let _ = write!(
            out,
            "<polyline points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"none\" stroke=\"#222\" stroke-dasharray=\"4 3\"><title>GEMM: {}flop/s</title></polyline>",
            px(ridge),
            py(roofs.flops),
            px(knee),
            py(roofs.bandwidth * knee),
            px(x1),
            py(roofs.bandwidth * knee),
            si(g)
        );
    }
    for (line, name, intensity, rate, measured, bound) in &points {
        let (x, y) = (px(*intensity), py(*rate));
        let colour = match *bound {
            "memory" => "#3b6fb6",
            "compute" => "#c0392b",
            _ => "#8e44ad",
        };
        if let Some(mr) = measured {
            let my = py(*mr);
            let _ = write!(out, "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{x:.1}\" y2=\"{my:.1}\" stroke=\"{colour}\" stroke-width=\"0.8\"/><circle cx=\"{x:.1}\" cy=\"{my:.1}\" r=\"4\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.5\"><title>line {line} {}: measured {}flop/s</title></circle>", esc(name), si(*mr));
        }
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"{colour}\"><title>line {line} {}: {:.3} flop/B, predicted {}flop/s, {bound}-bound</title></circle><text x=\"{:.1}\" y=\"{:.1}\">{line}</text>",
            esc(name),
            intensity,
            si(*rate),
            x + 6.0,
            y - 4.0
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\"><tspan fill=\"#3b6fb6\">● memory-bound</tspan>  <tspan fill=\"#c0392b\">● compute-bound</tspan>  <tspan fill=\"#8e44ad\">● launch-bound</tspan></text></svg>\n",
        left + 8.0,
        top + 16.0
    );
}

/// The tables of kernels and communication, and what the model does not count.
fn tables(out: &mut String, r: &Rendered, source: &str, m: &Model) {
    let p = m.prediction;
    let measured: HashMap<StmtRef, f64> = m.compared.map(|(profile, _)| profile.statements.iter().map(|s| (s.at, s.time())).collect()).unwrap_or_default();
    out.push_str("<h2>Kernels and library calls</h2>\n<table><tr><th>line</th><th class=\"l\">kernel</th><th>count</th><th>points</th><th>bytes</th><th>flop</th><th>flop/B</th><th>bound</th><th>each</th><th>in all</th>");
    if m.compared.is_some() {
        out.push_str("<th>measured</th><th>measured / predicted</th>");
    }
    out.push_str("</tr>\n");
    // The predicted seconds over the run, to set a measurement beside.
    let predicted: HashMap<StmtRef, f64> = p.work.iter().filter_map(|w| Some((w.stmt, w.seconds? * w.count?))).collect();
    for (at, c) in kernel_rows(r, source, p) {
        out.push_str("<tr>");
        for (k, cell) in c.iter().enumerate() {
            let class = if k == 1 { " class=\"l\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", esc(cell));
        }
        if m.compared.is_some() {
            let got = measured.get(&at).copied();
            let all = predicted.get(&at).copied().filter(|a| *a > 0.0);
            let _ = write!(out, "<td>{}</td><td>{}</td>", opt(got, seconds_text), opt(got.zip(all), |(g, a)| format!("{:.2}", g / a)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n<h2>Communication</h2>\n");
    if p.messages.is_empty() {
        out.push_str(if m.config.ranks > 1 { "<p>None.</p>\n" } else { "<p>None (one process).</p>\n" });
    } else {
        out.push_str("<table><tr><th>line</th><th class=\"l\">what</th><th>count</th><th>messages</th><th>bytes</th><th>each</th><th>in all</th></tr>\n");
        for c in message_rows(r, source, p) {
            let cells: Vec<String> = c.iter().enumerate().map(|(k, cell)| format!("<td{}>{}</td>", if k == 1 { " class=\"l\"" } else { "" }, esc(cell))).collect();
            let _ = writeln!(out, "<tr>{}</tr>", cells.concat());
        }
        out.push_str("</table>\n");
    }
    if !p.unmodelled.is_empty() {
        out.push_str("<h2>Not modelled (no time counted)</h2>\n<ul>\n");
        for (at, what) in &p.unmodelled {
            let _ = writeln!(out, "<li>line {}: {}</li>", line(source, r.span(*at)), esc(what));
        }
        out.push_str("</ul>\n");
    }
    if let Some((profile, c)) = m.compared {
        let _ = write!(out, "<h2>Largest misses</h2>\n<p class=\"note\">The profile <code>{}</code> (rank {} of {}), statements whose measured time differs most from the prediction.</p>\n<table><tr><th>line</th><th class=\"l\">what</th><th>count</th><th>predicted</th><th>measured</th><th>measured / predicted</th></tr>\n", esc(&profile.path), profile.rank, profile.ranks);
        for (s, predicted) in c.statements.iter().take(12) {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                s.line,
                esc(&s.what),
                s.count,
                opt(*predicted, seconds_text),
                seconds_text(s.time()),
                opt(predicted.filter(|p| *p > 0.0), |p| format!("{:.2}", s.time() / p))
            );
        }
        out.push_str("</table>\n");
    }
}

/// The HTML report of a module's plan, drawn for `ranks` ranks, with the prediction (and
/// profile) of `model` when given.
pub fn html(module: &Module, source: &str, file: &str, ranks: u32, model: Option<&Model>) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>legatec report: {}</title><style>{STYLE}</style></head><body>\n<h1>legatec report: <code>{}</code></h1>\n",
        esc(file),
        esc(file)
    );
    let Some(r) = Rendered::new(module) else {
        let _ = write!(out, "<p>{}</p></body></html>\n", esc(NO_PLAN.trim()));
        return out;
    };
    if let Some(m) = model {
        let p = m.prediction;
        let _ = write!(out, "<p>Predicted on <b>{}</b>: ", esc(&model_header(m.config)));
        match p.seconds {
            Some(s) => {
                let _ = write!(out, "the whole run <b>{}</b>", seconds_text(s));
                let once = p.one_time_text(seconds_text);
                if !once.is_empty() {
                    let _ = write!(out, " (of which {})", esc(&once));
                }
            }
            None => out.push_str("the whole run unknown (a loop runs an unknown number of times, or a size is unknown)"),
        }
        if let Some((profile, c)) = m.compared {
            let _ = write!(out, "; measured <b>{}</b> (<code>{}</code>, rank {} of {})", seconds_text(c.whole.1), esc(&profile.path), profile.rank, profile.ranks);
            if let Some(s) = c.whole.0.filter(|s| *s > 0.0) {
                let _ = write!(out, ", {:.2}× the prediction", c.whole.1 / s);
            }
        }
        out.push_str(".</p>\n");
    }
    let drawn_for = match model {
        Some(m) if m.config.ranks != ranks => format!(" (drawn over {ranks} to show the split; the prediction is for {})", m.config.ranks),
        _ => String::new(),
    };
    let _ = write!(out, "<h2>Arrays over {ranks} ranks</h2>\n<p class=\"note\">Arrays split by blocks of rows (axis 0){drawn_for}: one lane per rank, its own rows coloured, the ghost rows it stores from its neighbours hatched (drawn at least 3 pixels wide).</p>\n");
    // Arrays that lie alike share one drawing, in the order of their first.
    let mut groups: Vec<(Blocks, Vec<ir::ArrayId>)> = Vec::new();
    for i in 0..r.plan.arrays.len() {
        let id = ir::ArrayId(i as u32);
        let Some(b) = blocks(&r, id, ranks, model) else { continue };
        match groups.iter_mut().find(|(g, _)| *g == b) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((b, vec![id])),
        }
    }
    for (b, ids) in &groups {
        blocks_figure(&mut out, &r, source, ids, b, ranks);
    }
    if groups.is_empty() {
        out.push_str("<p>No array is split over the ranks.</p>\n");
    }
    let replicated: Vec<&ir::ArrayPlan> = r.plan.arrays.iter().filter(|s| matches!(s.layout, Layout::Replicated { why: Some(_) })).collect();
    if !replicated.is_empty() {
        out.push_str("<p>Replicated on every rank:</p>\n<ul>\n");
        for site in replicated {
            let _ = writeln!(out, "<li><b>{}</b> {} (line {}): {}</li>", esc(&site.name), esc(&shape_text(site)), line(source, r.span(site.origin)), esc(&distribution(&r, site)));
        }
        out.push_str("</ul>\n");
    }
    if let Some(m) = model {
        loops_section(&mut out, module, &r, source, m);
        roofline(&mut out, &r, source, m);
        tables(&mut out, &r, source, m);
    }
    let _ = write!(out, "<h2>The distribution report</h2>\n<details><summary>as text (<code>--report</code>)</summary><pre>{}</pre></details>\n", esc(&super::text(module, source, file)));
    out.push_str("</body></html>\n");
    out
}
