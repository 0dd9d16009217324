//! `legatec --report`: how the program will be distributed, as text, JSON or HTML
//! ([`html`]). It renders the module's plan (written by the `partition` pass) and the
//! model's prediction, and analyses nothing.

mod html;
pub use html::{html, Model};


use std::collections::HashMap;

use ir::span::line_col;
use runtime_abi::json::{number as json_num, string as json_str};
use ir::{ArrayPlan as Site, Comm, Event, Layout, LoopPlan, Module, Plan, Span, StmtRef, SymExpr, Template};

fn line(source: &str, span: ir::Span) -> usize {
    line_col(source, span.start).0
}

/// The plan of a module that went through the pipeline, and where its statements are.
struct Rendered<'m> {
    plan: &'m Plan,
    spans: HashMap<StmtRef, Span>,
    /// What an allreduce of each statement combines, per rank: one value (a reduction
    /// to a scalar) or a partial array (an axis reduction or a product summed over ranks)
    /// with its shape and item size.
    reduced: HashMap<StmtRef, (Vec<SymExpr>, usize, usize)>,
    /// The dataframe operation each `lt_frame_run` statement runs (its spec's first field).
    frame_ops: HashMap<StmtRef, String>,
}

impl<'m> Rendered<'m> {
    fn new(module: &'m Module) -> Option<Self> {
        let plan = module.plan.as_ref()?;
        let mut spans = HashMap::new();
        let mut reduced = HashMap::new();
        let mut frame_ops = HashMap::new();
        for (func, f) in module.functions.iter() {
            ir::walk_stmts(&f.body, &mut |s| {
                let at = StmtRef { func, stmt: s.id };
                spans.insert(at, s.span);
                if let ir::StmtKind::Runtime { func: ir::EntryPoint::FrameRun, args, .. } = &s.kind {
                    if let Some(ir::Expr::Const(ir::Const::Str(spec))) = args.first().map(|&a| &f.exprs[a]) {
                        if let Some(op) = runtime_abi::frame_spec::decode(spec).ok().and_then(|f| f.into_iter().next()) {
                            frame_ops.insert(at, op);
                        }
                    }
                }
                let dst = match &s.kind {
                    ir::StmtKind::Launch { kernel, dst: Some(dst), .. }
                        if matches!(module.kernels[*kernel].output, ir::KernelOutput::ReduceAxis { .. }) =>
                    {
                        match &f.exprs[*dst] {
                            ir::Expr::Read(place) => Some(*place),
                            _ => None,
                        }
                    }
                    ir::StmtKind::Library { op: ir::LibraryOp::MatMul { .. }, dst, .. } => Some(*dst),
                    _ => None,
                };
                if let Some(place) = dst {
                    let ty = module.place_type(f, place);
                    let ndim = match ty {
                        ir::Type::Array { ndim, .. } => ndim,
                        _ => 0,
                    };
                    let shape = module.place_shape(f, place).cloned().unwrap_or_default();
                    let item = ty.dtype().map_or(8, ir::DType::size_bytes);
                    reduced.insert(at, (shape, ndim, item));
                }
            });
        }
        Some(Rendered { plan, spans, reduced, frame_ops })
    }

    /// How a shuffle of `stmt` moves rows, in words (by the dataframe operation it runs;
    /// `a[idx]` otherwise).
    fn shuffle_how(&self, stmt: StmtRef) -> &'static str {
        match self.frame_ops.get(&stmt).map(String::as_str) {
            Some("merge") => "a merge: each side's keys and row numbers to the ranks their keys hash to or whose key ranges hold them (or the right side to every rank when it has at most a P-th of the left's rows), then each pair of row numbers to its row's owner",
            Some("group") => "a groupby: each rank's rows, or its partial results, one record per local group, to the ranks of their keys' hash or range, then each group's result to the owner of its first row when unsorted",
            Some("sort") => "a sample sort: each row's keys and row number to the rank of their range",
            Some("value_counts" | "unique" | "dedup") => "distinct values: each rank's counts or first rows per value to the rank their value hashes to, then in pandas' order to their ranks",
            Some("take" | "concat") => "rows asked of their owners by row number, answered in the order asked",
            Some("to_csv") => "each rank's own rows formatted where they lie, then written into the file in rank order (rank 0 creates it and writes the header)",
            Some("to_parquet") => "each rank's own rows encoded where they lie, then the encoded row groups sent to rank 0, which writes the file",
            Some(_) => "each rank's own rows",
            None => "rows asked of their owners by row number, answered in the order asked",
        }
    }

    /// What an allreduce of `stmt` sends from each rank.
    fn allreduce_size(&self, stmt: StmtRef) -> String {
        match self.reduced.get(&stmt) {
            Some((shape, ndim, item)) if *ndim > 0 => format!("a partial result of {} bytes per rank", bytes_text(shape, *ndim, *item)),
            Some((_, _, item)) => format!("one {item}-byte value per rank"),
            None => "one 8-byte value per rank".to_string(),
        }
    }

    fn span(&self, stmt: StmtRef) -> Span {
        self.spans.get(&stmt).copied().unwrap_or_default()
    }

    fn name(&self, array: ir::ArrayId) -> &str {
        &self.plan.array(array).name
    }
}

/// The report of a module without a plan (it did not go through `partition`).
const NO_PLAN: &str = "the module has no distribution plan (the `partition` pass did not run)\n";

/// The text of the source line of `span`, trimmed.
fn code(source: &str, span: ir::Span) -> String {
    let n = line(source, span);
    source.lines().nth(n - 1).unwrap_or("").trim().to_string()
}

fn shape_text(site: &Site) -> String {
    if site.shape.len() != site.ndim || site.shape.iter().any(|s| matches!(s, SymExpr::Unknown)) {
        return format!("{}-d", site.ndim);
    }
    match site.shape.as_slice() {
        [one] => format!("({one},)"),
        dims => format!("({})", dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// Bytes of an array of `shape` (`8 * n * d`), symbolic where the shape is known.
fn bytes_text(shape: &[SymExpr], ndim: usize, item: usize) -> String {
    let mut parts = vec![item.to_string()];
    if shape.len() == ndim && !shape.iter().any(|s| matches!(s, SymExpr::Unknown)) {
        parts.extend(shape.iter().map(|d| match d {
            SymExpr::Const(_) | SymExpr::Value(_) => d.to_string(),
            _ => format!("({d})"),
        }));
    } else {
        parts.extend((0..ndim).map(|d| format!("shape[{d}]")));
    }
    parts.join(" * ")
}

/// Bytes of one row (`8 * (N + 2)`), symbolic where the shape is.
fn row_bytes(site: &Site) -> String {
    let rest: Vec<String> = if site.shape.len() == site.ndim && !site.shape.iter().any(|s| matches!(s, SymExpr::Unknown)) {
        site.shape.iter().skip(1).map(|d| d.to_string()).collect()
    } else {
        (1..site.ndim).map(|d| format!("shape[{d}]")).collect()
    };
    let mut parts = vec![site.item.to_string()];
    parts.extend(rest);
    parts.join(" * ")
}

fn distribution(r: &Rendered, site: &Site) -> String {
    match &site.layout {
        Layout::Replicated { why: Some((why, _)) } => format!("replicated ({why})"),
        Layout::Replicated { why: None } => "replicated (0-d)".to_string(),
        Layout::Rows { template: Template::Aligned { with, offset: Some(off) }, .. } => {
            format!("rows, aligned with {} at row offset {off:+}", r.name(*with))
        }
        Layout::Rows { template: Template::Aligned { with, offset: None }, .. } => format!("rows, on the template of {}", r.name(*with)),
        Layout::Rows { template: Template::Own, .. } => "rows (own template)".to_string(),
        Layout::Rows { template: Template::Var, .. } => "rows in blocks sized at run time (each rank keeps the rows it selected)".to_string(),
    }
}

/// Ghost rows read below and above (0 for replicated arrays).
fn halo(site: &Site) -> (u32, u32) {
    match site.layout {
        Layout::Rows { halo, .. } => halo,
        Layout::Replicated { .. } => (0, 0),
    }
}

/// Messages and rows one exchange sends from a rank with two neighbours: the runtime
/// stores (and refreshes) the wider of the two halo widths on both sides.
fn messages(site: &Site) -> (usize, u32) {
    let width = site.layout.ghost().unwrap_or(0);
    (if width > 0 { 2 } else { 0 }, 2 * width)
}

/// The events of a loop of one kind, in order.
fn of_kind<'a>(events: &'a [Event], kind: fn(&Comm) -> bool) -> impl Iterator<Item = &'a Event> {
    events.iter().filter(move |e| kind(&e.comm))
}

fn is_exchange(c: &Comm) -> bool {
    matches!(c, Comm::HaloExchange { .. })
}
fn is_allreduce(c: &Comm) -> bool {
    matches!(c, Comm::Allreduce)
}
fn is_fetch(c: &Comm) -> bool {
    matches!(c, Comm::Fetch { .. })
}
fn is_gather(c: &Comm) -> bool {
    matches!(c, Comm::Gather { .. })
}
fn is_broadcast(c: &Comm) -> bool {
    matches!(c, Comm::Broadcast { .. })
}
fn is_shuffle(c: &Comm) -> bool {
    matches!(c, Comm::Shuffle { .. })
}
fn is_read_split(c: &Comm) -> bool {
    matches!(c, Comm::ReadSplit)
}

/// The lines of a list of events (a loop's iteration, or everything outside loops), each
/// indented by `indent`.
fn event_lines(r: &Rendered, source: &str, events: &[Event], indent: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in of_kind(events, is_exchange) {
        let s = r.plan.array(e.comm.array().unwrap_or(ir::ArrayId(0)));
        let (msgs, rows) = messages(s);
        out.push(format!(
            "{indent}halo exchange of {} before line {}: {msgs} messages, {rows} rows of {} bytes",
            s.name,
            line(source, r.span(e.stmt)),
            row_bytes(s)
        ));
    }
    for e in of_kind(events, is_allreduce) {
        out.push(format!("{indent}allreduce at line {}: {}", line(source, r.span(e.stmt)), r.allreduce_size(e.stmt)));
    }
    for e in of_kind(events, is_fetch) {
        out.push(format!(
            "{indent}rows of {} fetched from their owners at line {} (not a neighbour's ghost rows)",
            r.name(e.comm.array().unwrap_or(ir::ArrayId(0))),
            line(source, r.span(e.stmt))
        ));
    }
    for e in of_kind(events, is_gather) {
        if let Comm::Gather { array, why } = &e.comm {
            let site = r.plan.array(*array);
            out.push(format!(
                "{indent}{} gathered whole at line {} ({} bytes to every rank): {why}",
                site.name,
                line(source, r.span(e.stmt)),
                bytes_text(&site.shape, site.ndim, site.item)
            ));
        }
    }
    for e in of_kind(events, is_broadcast) {
        out.push(format!("{indent}element broadcast by its owner at line {}", line(source, r.span(e.stmt))));
    }
    for e in of_kind(events, is_shuffle) {
        let site = r.plan.array(e.comm.array().unwrap_or(ir::ArrayId(0)));
        out.push(format!(
            "{indent}rows of {} shuffled between ranks at line {} ({}; counts exchanged first, then at most each row's {} bytes and an 8-byte row number once per step; how many move depends on the data)",
            site.name,
            line(source, r.span(e.stmt)),
            r.shuffle_how(e.stmt),
            row_bytes(site)
        ));
    }
    for e in of_kind(events, is_read_split) {
        out.push(format!(
            "{indent}file read split over ranks at line {} (each rank reads its own rows: of a CSV file the lines of its byte range, of a Parquet file its block of rows; whether each parsed, the categories and the string columns, which every rank holds whole, exchanged with counts first)",
            line(source, r.span(e.stmt))
        ));
    }
    out
}

fn loop_lines(r: &Rendered, source: &str, l: &LoopPlan) -> Vec<String> {
    let mut out = event_lines(r, source, &l.events, "    ");
    let span = r.span(l.stmt);
    out.insert(0, format!("  line {} `{}`: {} exchange(s)", line(source, span), code(source, span), of_kind(&l.events, is_exchange).count()));
    out
}

/// The text report of a module's plan.
pub fn text(module: &Module, source: &str, file: &str) -> String {
    let Some(r) = Rendered::new(module) else { return NO_PLAN.to_string() };
    let plan = r.plan;
    let mut out = String::new();
    out.push_str(&format!("distribution report for {file}\n"));
    out.push_str("arrays are split by blocks of rows (axis 0) over the ranks, or replicated on every rank\n\n");
    out.push_str("arrays:\n");
    for site in &plan.arrays {
        let forced = matches!(site.layout, Layout::Replicated { why: Some(_) });
        if site.copy_of.is_some() && !forced && site.ndim == 0 {
            continue;
        }
        let halo_text = match site.layout {
            Layout::Rows { halo: (below, above), .. } => {
                format!("; reads {below} ghost row(s) below, {above} above; stores {} each side", below.max(above))
            }
            Layout::Replicated { .. } => String::new(),
        };
        out.push_str(&format!(
            "  {} {} line {}: {}{halo_text}\n",
            site.name,
            shape_text(site),
            line(source, r.span(site.origin)),
            distribution(&r, site)
        ));
    }
    out.push_str("\nreplicated by force:\n");
    let forced: Vec<(&Site, &String, StmtRef)> = plan
        .arrays
        .iter()
        .filter_map(|s| match &s.layout {
            Layout::Replicated { why: Some((why, at)) } => Some((s, why, *at)),
            _ => None,
        })
        .collect();
    if forced.is_empty() {
        out.push_str("  none\n");
    }
    for (site, why, at) in forced {
        let span = r.span(at);
        out.push_str(&format!("  {}: {why}, line {}: `{}`\n", site.name, line(source, span), code(source, span)));
    }
    out.push_str("\nloops (communication per iteration of a rank with two neighbours):\n");
    if plan.loops.is_empty() {
        out.push_str("  none communicate\n");
    }
    for l in &plan.loops {
        for text in loop_lines(&r, source, l) {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out.push_str("\noutside loops:\n");
    let outside = event_lines(&r, source, &plan.outside, "  ");
    if outside.is_empty() {
        out.push_str("  no communication\n");
    }
    for text in outside {
        out.push_str(&text);
        out.push('\n');
    }
    if !plan.fills.is_empty() {
        out.push_str("\nrandom fills of arrays split by rows (each rank draws the rows it stores; nothing moves):\n");
        for fill in &plan.fills {
            let how = if fill.jumps {
                "the generator jumps over the other ranks' elements"
            } else {
                "each rank runs the generator through the elements before its rows (these draws take a varying number of words)"
            };
            out.push_str(&format!("  {} at line {}: {how}\n", r.name(fill.array), line(source, r.span(fill.stmt))));
        }
    }
    out.push_str(&functions_text(module, source));
    out.push_str(&fusion_text(module, source));
    out.push_str("\non GPUs (arrays live in device memory; a reduction returns one value per block), copies to the host:\n");
    if plan.transfers.is_empty() {
        out.push_str("  none\n");
    }
    let mut seen = Vec::new();
    for t in &plan.transfers {
        let span = r.span(t.stmt);
        let key = (r.name(t.array).to_string(), span, t.why.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let place = t.in_loop.map_or(String::new(), |l| format!(", in the loop at line {}", line(source, r.span(l))));
        let what = if t.why == "element read" { "one element of" } else { "" };
        out.push_str(&format!(
            "  line {}{place}: {what}{}{} ({})\n",
            line(source, span),
            if what.is_empty() { "" } else { " " },
            r.name(t.array),
            t.why
        ));
    }
    out
}

/// The JSON report of a module's plan (one object; stable key order).
pub fn json(module: &Module, source: &str, file: &str, model: Option<&str>) -> String {
    let Some(r) = Rendered::new(module) else { return format!("{{\"file\": {}, \"error\": {}}}\n", json_str(file), json_str(NO_PLAN.trim())) };
    let plan = r.plan;
    let mut arrays = Vec::new();
    for site in &plan.arrays {
        let (dist, aligned, offset) = match &site.layout {
            Layout::Replicated { .. } => ("replicated", None, None),
            Layout::Rows { template: Template::Aligned { with, offset }, .. } => ("rows", Some(r.name(*with).to_string()), *offset),
            Layout::Rows { template: Template::Own, .. } => ("rows", None, Some(0)),
            Layout::Rows { template: Template::Var, .. } => ("rows_sized_at_run_time", None, Some(0)),
        };
        let (msgs, rows) = messages(site);
        let (below, above) = halo(site);
        let replicated_because = match &site.layout {
            Layout::Replicated { why: Some((why, at)) } => {
                format!("{{\"reason\": {}, \"line\": {}}}", json_str(why), line(source, r.span(*at)))
            }
            _ => "null".to_string(),
        };
        arrays.push(format!(
            "{{\"name\": {}, \"line\": {}, \"shape\": {}, \"distribution\": {}, \"aligned_with\": {}, \"row_offset\": {}, \"halo\": [{below}, {above}], \"exchange_messages\": {msgs}, \"exchange_rows\": {rows}, \"row_bytes\": {}, \"replicated_because\": {replicated_because}}}",
            json_str(&site.name),
            line(source, r.span(site.origin)),
            json_str(&shape_text(site)),
            json_str(dist),
            aligned.map_or("null".to_string(), |a| json_str(&a)),
            offset.map_or("null".to_string(), |o| o.to_string()),
            json_str(&row_bytes(site)),
        ));
    }
    let array_at = |e: &Event| {
        format!("{{\"array\": {}, \"line\": {}}}", json_str(r.name(e.comm.array().unwrap_or(ir::ArrayId(0)))), line(source, r.span(e.stmt)))
    };
    let gather = |e: &Event| match &e.comm {
        Comm::Gather { array, why } => {
            let site = r.plan.array(*array);
            Some(format!(
                "{{\"array\": {}, \"line\": {}, \"bytes\": {}, \"reason\": {}}}",
                json_str(&site.name),
                line(source, r.span(e.stmt)),
                json_str(&bytes_text(&site.shape, site.ndim, site.item)),
                json_str(why)
            ))
        }
        _ => None,
    };
    // The communication of a list of events, as a JSON object's members.
    let members = |events: &[Event]| {
        let exchanges: Vec<String> = of_kind(events, is_exchange)
            .map(|e| {
                let site = r.plan.array(e.comm.array().unwrap_or(ir::ArrayId(0)));
                let (msgs, rows) = messages(site);
                format!(
                    "{{\"array\": {}, \"line\": {}, \"messages\": {msgs}, \"rows\": {rows}, \"row_bytes\": {}}}",
                    json_str(&site.name),
                    line(source, r.span(e.stmt)),
                    json_str(&row_bytes(site))
                )
            })
            .collect();
        let lines = |kind: fn(&Comm) -> bool| of_kind(events, kind).map(|e| line(source, r.span(e.stmt)).to_string()).collect::<Vec<_>>().join(", ");
        let allreduces: Vec<String> = of_kind(events, is_allreduce)
            .map(|e| format!("{{\"line\": {}, \"sends\": {}}}", line(source, r.span(e.stmt)), json_str(&r.allreduce_size(e.stmt))))
            .collect();
        let fetches: Vec<String> = of_kind(events, is_fetch).map(array_at).collect();
        let gathers: Vec<String> = of_kind(events, is_gather).filter_map(gather).collect();
        let shuffles: Vec<String> = of_kind(events, is_shuffle)
            .map(|e| {
                let site = r.plan.array(e.comm.array().unwrap_or(ir::ArrayId(0)));
                format!(
                    "{{\"array\": {}, \"line\": {}, \"row_bytes\": {}}}",
                    json_str(&site.name),
                    line(source, r.span(e.stmt)),
                    json_str(&row_bytes(site))
                )
            })
            .collect();
        format!(
            "\"exchanges\": [{}], \"allreduces\": [{}], \"fetches\": [{}], \"gathers\": [{}], \"broadcast_lines\": [{}], \"shuffles\": [{}], \"read_split_lines\": [{}]",
            exchanges.join(", "),
            allreduces.join(", "),
            fetches.join(", "),
            gathers.join(", "),
            lines(is_broadcast),
            shuffles.join(", "),
            lines(is_read_split)
        )
    };
    let loops: Vec<String> =
        plan.loops.iter().map(|l| format!("{{\"line\": {}, {}}}", line(source, r.span(l.stmt)), members(&l.events))).collect();
    let transfers: Vec<String> = plan
        .transfers
        .iter()
        .map(|t| {
            format!(
                "{{\"array\": {}, \"line\": {}, \"reason\": {}, \"loop_line\": {}}}",
                json_str(r.name(t.array)),
                line(source, r.span(t.stmt)),
                json_str(&t.why),
                t.in_loop.map_or("null".to_string(), |l| line(source, r.span(l)).to_string())
            )
        })
        .collect();
    let fills: Vec<String> = plan
        .fills
        .iter()
        .map(|f| format!("{{\"array\": {}, \"line\": {}, \"jumps\": {}}}", json_str(r.name(f.array)), line(source, r.span(f.stmt)), f.jumps))
        .collect();
    let functions: Vec<String> = function_calls(module, source)
        .into_iter()
        .map(|(name, def_line, inlined, called)| {
            let called: Vec<String> = called
                .iter()
                .map(|(at, why, why_line)| format!("{{\"line\": {at}, \"because\": {}, \"because_line\": {why_line}}}", json_str(why)))
                .collect();
            format!(
                "{{\"name\": {}, \"line\": {def_line}, \"inlined_at\": [{}], \"called_at\": [{}]}}",
                json_str(&name),
                inlined.iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
                called.join(", ")
            )
        })
        .collect();
    format!(
        "{{\n  \"file\": {},\n  \"arrays\": [\n    {}\n  ],\n  \"loops\": [\n    {}\n  ],\n  \"outside_loops\": {{{}}},\n  \"random_fills\": [{}],\n  \"functions\": [{}],\n  \"gpu_host_copies\": [{}]{}\n}}\n",
        json_str(file),
        arrays.join(",\n    "),
        loops.join(",\n    "),
        members(&plan.outside),
        fills.join(", "),
        functions.join(", "),
        transfers.join(", "),
        model.map_or(String::new(), |m| format!(",\n  \"model\": {m}"))
    )
}

/// Seconds in the unit that reads best (`1.23 s`, `4.56 ms`, `7.8 us`).
pub fn seconds_text(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.3} ms", s * 1e3)
    } else {
        format!("{:.2} us", s * 1e6)
    }
}

/// A count with an SI prefix (`4.19M`).
fn si(x: f64) -> String {
    let (v, unit) = if x >= 1e12 {
        (x / 1e12, "T")
    } else if x >= 1e9 {
        (x / 1e9, "G")
    } else if x >= 1e6 {
        (x / 1e6, "M")
    } else if x >= 1e3 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    if unit.is_empty() {
        format!("{}", (v * 100.0).round() / 100.0)
    } else {
        format!("{v:.2}{unit}")
    }
}

fn opt<T>(v: Option<T>, f: impl Fn(T) -> String) -> String {
    v.map_or("?".to_string(), f)
}

fn comm_name(r: &Rendered, c: &Comm) -> String {
    match c {
        Comm::HaloExchange { array } => format!("halo exchange of {}", r.name(*array)),
        Comm::Allreduce => "allreduce".to_string(),
        Comm::Fetch { array } => format!("fetch of rows of {} (at most the whole array)", r.name(*array)),
        Comm::Gather { array, .. } => format!("gather of {}", r.name(*array)),
        Comm::Broadcast { array } => format!("broadcast of an element of {}", r.name(*array)),
        Comm::Shuffle { array } => format!("shuffle of {} (rows spread evenly assumed)", r.name(*array)),
        Comm::ReadSplit => "split file read".to_string(),
    }
}

/// The header line of a prediction: the machine and the run.
fn model_header(config: &crate::model::Config) -> String {
    let device = match config.device {
        crate::model::Device::Cpu => "CPU",
        crate::model::Device::Gpu => "GPU",
    };
    format!(
        "{} ({} cores), {} rank(s) x {} thread(s), kernels on the {device}",
        config.machine.name, config.machine.cpu.cores, config.ranks, config.threads
    )
}

/// The kernels and library calls of a prediction, costliest over the run first: each one's
/// statement and cells (line, name, count, points, bytes, flops, flop/B, bound, seconds
/// each, seconds in all), as the text and HTML reports show them.
fn kernel_rows(r: &Rendered, source: &str, p: &crate::model::Prediction) -> Vec<(StmtRef, [String; 10])> {
    let mut work: Vec<&crate::model::Work> = p.work.iter().collect();
    let total = |w: &crate::model::Work| w.seconds.unwrap_or(0.0) * w.count.unwrap_or(1.0);
    work.sort_by(|a, b| total(b).total_cmp(&total(a)));
    work.into_iter()
        .map(|w| {
            let cells = [
                line(source, r.span(w.stmt)).to_string(),
                format!("{}{}", w.name, if w.split { " (split)" } else { "" }),
                opt(w.count, si),
                opt(w.points, si),
                opt(w.bytes, si),
                opt(w.flops, si),
                opt(w.intensity(), |i| format!("{i:.3}")),
                opt(w.bound, |b| b.name().to_string()),
                opt(w.seconds, seconds_text),
                opt(w.seconds.zip(w.count), |(s, c)| seconds_text(s * c)),
            ];
            (w.stmt, cells)
        })
        .collect()
}

/// The communication of a prediction: line, what, count, messages, bytes, seconds each and
/// in all.
fn message_rows(r: &Rendered, source: &str, p: &crate::model::Prediction) -> Vec<[String; 7]> {
    p.messages
        .iter()
        .map(|m| {
            [
                line(source, r.span(m.stmt)).to_string(),
                comm_name(r, &m.comm),
                opt(m.count, si),
                si(m.messages),
                opt(m.bytes, si),
                opt(m.seconds, seconds_text),
                opt(m.seconds.zip(m.count), |(s, c)| seconds_text(s * c)),
            ]
        })
        .collect()
}

/// The predicted time of a run, as text (appended to the distribution report).
pub fn prediction_text(module: &Module, source: &str, config: &crate::model::Config, p: &crate::model::Prediction) -> String {
    let Some(r) = Rendered::new(module) else { return NO_PLAN.to_string() };
    let mut out = format!("\npredicted time on {}:\n", model_header(config));
    match p.seconds {
        Some(s) => match p.one_time_text(seconds_text) {
            once if once.is_empty() => out.push_str(&format!("  whole run: {}\n", seconds_text(s))),
            once => out.push_str(&format!("  whole run: {} (of which {once})\n", seconds_text(s))),
        },
        None => out.push_str("  whole run: unknown (a loop runs an unknown number of times, or a size is unknown)\n"),
    }
    out.push_str("\nloops (one iteration):\n");
    if p.loops.is_empty() {
        out.push_str("  none\n");
    }
    for l in &p.loops {
        let trips = opt(l.trips, |t| format!("{t} iterations"));
        out.push_str(&format!(
            "  line {} `{}`: {trips} x {} = {} (kernels {}, communication {})\n",
            line(source, r.span(l.stmt)),
            code(source, r.span(l.stmt)),
            opt(l.seconds_per_iteration, seconds_text),
            opt(l.seconds_per_iteration.zip(l.trips), |(s, t)| seconds_text(s * t)),
            opt(l.compute_per_iteration, seconds_text),
            opt(l.comm_per_iteration, seconds_text),
        ));
    }
    out.push_str("\nkernels and library calls (per execution on one rank):\n");
    for (_, c) in kernel_rows(&r, source, p) {
        out.push_str(&format!(
            "  line {} {}: {} x, {} points, {}B, {} flop, {} flop/B, {}, {} each, {} in all\n",
            c[0], c[1], c[2], c[3], c[4], c[5], c[6], if c[7] == "?" { c[7].clone() } else { format!("{}-bound", c[7]) }, c[8], c[9]
        ));
    }
    out.push_str("\ncommunication (per execution on one rank):\n");
    if p.messages.is_empty() {
        out.push_str(if config.ranks > 1 { "  none\n" } else { "  none (one process)\n" });
    }
    for c in message_rows(&r, source, p) {
        out.push_str(&format!("  line {} {}: {} x, {} message(s), {}B, {} each, {} in all\n", c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
    }
    if !p.unmodelled.is_empty() {
        out.push_str("\nnot modelled (no time counted):\n");
        for (at, what) in &p.unmodelled {
            out.push_str(&format!("  line {}: {what}\n", line(source, r.span(*at))));
        }
    }
    if !p.guessed_branches.is_empty() {
        let mut lines: Vec<usize> = p.guessed_branches.iter().map(|b| line(source, r.span(*b))).collect();
        lines.sort();
        lines.dedup();
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        out.push_str(&format!("\nbranches on values known only at run time (the costlier side counted): line {}\n", lines.join(", ")));
    }
    out
}

/// The predicted time of a run, as the members of the JSON report's `model` object.
pub fn prediction_json(
    module: &Module,
    source: &str,
    config: &crate::model::Config,
    p: &crate::model::Prediction,
    compared: Option<(&crate::model::profile::Profile, &crate::model::profile::Comparison)>,
) -> String {
    let Some(r) = Rendered::new(module) else { return "null".to_string() };
    let at = |s: StmtRef| line(source, r.span(s));
    let loops: Vec<String> = p
        .loops
        .iter()
        .map(|l| {
            format!(
                "{{\"line\": {}, \"trips\": {}, \"seconds_per_iteration\": {}, \"compute_per_iteration\": {}, \"comm_per_iteration\": {}}}",
                at(l.stmt),
                json_num(l.trips),
                json_num(l.seconds_per_iteration),
                json_num(l.compute_per_iteration),
                json_num(l.comm_per_iteration)
            )
        })
        .collect();
    let work: Vec<String> = p
        .work
        .iter()
        .map(|w| {
            format!(
                "{{\"line\": {}, \"name\": {}, \"split\": {}, \"count\": {}, \"points\": {}, \"bytes\": {}, \"flops\": {}, \"intensity\": {}, \"bound\": {}, \"seconds\": {}}}",
                at(w.stmt),
                json_str(&w.name),
                w.split,
                json_num(w.count),
                json_num(w.points),
                json_num(w.bytes),
                json_num(w.flops),
                json_num(w.intensity()),
                w.bound.map_or("null".to_string(), |b| json_str(b.name())),
                json_num(w.seconds)
            )
        })
        .collect();
    let messages: Vec<String> = p
        .messages
        .iter()
        .map(|m| {
            format!(
                "{{\"line\": {}, \"what\": {}, \"count\": {}, \"messages\": {}, \"bytes\": {}, \"seconds\": {}}}",
                at(m.stmt),
                json_str(&comm_name(&r, &m.comm)),
                json_num(m.count),
                json_num(Some(m.messages)),
                json_num(m.bytes),
                json_num(m.seconds)
            )
        })
        .collect();
    let unmodelled: Vec<String> = p.unmodelled.iter().map(|(s, w)| format!("{{\"line\": {}, \"what\": {}}}", at(*s), json_str(w))).collect();
    format!(
        "{{\"machine\": {}, \"ranks\": {}, \"threads\": {}, \"device\": {}, \"predicted_seconds\": {}, \"start_up_seconds\": {}, \"first_use_seconds\": {}, \"loops\": [{}], \"kernels\": [{}], \"communication\": [{}], \"unmodelled\": [{}], \"guessed_branch_lines\": [{}], \"profile\": {}}}",
        json_str(&config.machine.name),
        config.ranks,
        config.threads,
        json_str(match config.device {
            crate::model::Device::Cpu => "cpu",
            crate::model::Device::Gpu => "gpu",
        }),
        json_num(p.seconds),
        json_num(Some(p.start_up)),
        json_num(Some(p.first_uses)),
        loops.join(", "),
        work.join(", "),
        messages.join(", "),
        unmodelled.join(", "),
        {
            let mut lines: Vec<usize> = p.guessed_branches.iter().map(|b| at(*b)).collect();
            lines.sort();
            lines.dedup();
            lines.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
        },
        compared.map_or("null".to_string(), |(profile, c)| comparison_json(profile, c))
    )
}

/// The prediction beside a run's profile, as text: the whole run, each loop, and the
/// statements with the largest misses first.
pub fn comparison_text(profile: &crate::model::profile::Profile, c: &crate::model::profile::Comparison) -> String {
    let fmt = |v: Option<f64>| v.map_or("?".to_string(), |x| format!("{x:.6} s"));
    let ratio = |m: f64, p: Option<f64>| p.filter(|p| *p > 0.0).map_or("-".to_string(), |p| format!("{:.2}", m / p));
    let mut out = format!(
        "\nthe prediction against the profile `{}` (rank {} of {}):\n  whole run: predicted {}, measured {:.6} s, measured / predicted {}\n",
        profile.path,
        profile.rank,
        profile.ranks,
        fmt(c.whole.0),
        c.whole.1,
        ratio(c.whole.1, c.whole.0)
    );
    if !c.loops.is_empty() {
        out.push_str("  loops (the statements inside each, with those of the functions only it calls):\n");
        for (_, line, predicted, seconds) in &c.loops {
            out.push_str(&format!("    line {line}: predicted {}, measured {seconds:.6} s, measured / predicted {}\n", fmt(*predicted), ratio(*seconds, *predicted)));
        }
    }
    out.push_str("  statements, largest misses first:\n");
    for (m, predicted) in c.statements.iter().take(20) {
        out.push_str(&format!(
            "    line {} {}: {} x, predicted {}, measured {:.6} s{}, measured / predicted {}\n",
            m.line,
            m.what,
            m.count,
            fmt(*predicted),
            m.time(),
            if m.gpu_seconds.is_some() { " on the GPU" } else { "" },
            ratio(m.time(), *predicted)
        ));
    }
    out
}

/// The prediction beside a run's profile, as the JSON report's `profile` object: every
/// statement, largest misses first, with `ratio` = measured / predicted (measured on the
/// device where a GPU ran; `null` where the
/// model gives it no time).
pub fn comparison_json(profile: &crate::model::profile::Profile, c: &crate::model::profile::Comparison) -> String {
    let ratio = |m: f64, p: Option<f64>| p.filter(|p| *p > 0.0).map(|p| m / p);
    let loops: Vec<String> = c
        .loops
        .iter()
        .map(|(_, line, predicted, seconds)| {
            format!(
                "{{\"line\": {line}, \"predicted_seconds\": {}, \"measured_seconds\": {}, \"ratio\": {}}}",
                json_num(*predicted),
                json_num(Some(*seconds)),
                json_num(ratio(*seconds, *predicted))
            )
        })
        .collect();
    let statements: Vec<String> = c
        .statements
        .iter()
        .map(|(m, predicted)| {
            format!(
                "{{\"line\": {}, \"what\": {}, \"count\": {}, \"predicted_seconds\": {}, \"measured_seconds\": {}, \"mpi_seconds\": {}, \"ratio\": {}}}",
                m.line,
                json_str(&m.what),
                json_num(Some(m.count)),
                json_num(*predicted),
                json_num(Some(m.time())),
                json_num(Some(m.mpi_seconds)),
                json_num(ratio(m.time(), *predicted))
            )
        })
        .collect();
    format!(
        "{{\"path\": {}, \"rank\": {}, \"ranks\": {}, \"predicted_seconds\": {}, \"measured_seconds\": {}, \"ratio\": {}, \"loops\": [{}], \"statements\": [{}]}}",
        json_str(&profile.path),
        profile.rank,
        profile.ranks,
        json_num(c.whole.0),
        json_num(Some(c.whole.1)),
        json_num(ratio(c.whole.1, c.whole.0)),
        loops.join(", "),
        statements.join(", ")
    )
}

/// The calls of each user function, as the frontend lowered them: its name and line, the
/// lines it was inlined at, and the lines it is called at with why (and where that is).
#[allow(clippy::type_complexity)]
fn function_calls(module: &Module, source: &str) -> Vec<(String, usize, Vec<usize>, Vec<(usize, String, usize)>)> {
    let mut out: Vec<(String, usize, Vec<usize>, Vec<(usize, String, usize)>)> = Vec::new();
    for note in &module.calls {
        let def_line = line(source, note.def);
        let i = match out.iter().position(|f| f.0 == note.function) {
            Some(i) => i,
            None => {
                out.push((note.function.clone(), def_line, Vec::new(), Vec::new()));
                out.len() - 1
            }
        };
        let at = line(source, note.call);
        match &note.called_because {
            None => out[i].2.push(at),
            Some((why, span)) => out[i].3.push((at, why.clone(), line(source, *span))),
        }
    }
    for f in &mut out {
        f.2.sort_unstable();
        f.2.dedup();
        f.3.sort();
        f.3.dedup();
    }
    out.sort_by_key(|f| f.1);
    out
}

/// The report's section on fusion: the launches whose kernel computes several statements
/// (its name lists them: `store_L24+sum_L25`), and the fusions the passes refused, why.
fn fusion_text(module: &Module, source: &str) -> String {
    fn launches(block: &ir::Block, out: &mut Vec<(ir::KernelId, ir::Span)>) {
        for stmt in block {
            if let ir::StmtKind::Launch { kernel, .. } = &stmt.kind {
                out.push((*kernel, stmt.span));
            }
            for inner in stmt.blocks() {
                launches(inner, out);
            }
        }
    }
    let mut sites = Vec::new();
    for (_, f) in module.functions.iter() {
        launches(&f.body, &mut sites);
    }
    let mut lines = Vec::new();
    for (kernel, span) in sites {
        let name = &module.kernels[kernel].name;
        if !name.contains('+') {
            continue;
        }
        let parts: Vec<String> = name
            .split('+')
            .map(|part| match part.rsplit_once("_L") {
                Some((what, at)) => format!("{what} (line {at})"),
                None => part.to_string(),
            })
            .collect();
        let text = format!("  line {}: one kernel for {}", line(source, span), parts.join(", "));
        if !lines.contains(&text) {
            lines.push(text);
        }
    }
    for note in &module.fusions {
        let (at, into) = (line(source, note.at), line(source, note.into));
        let text = match &note.refused {
            None => format!("  line {at}: stored by the kernel of line {into} directly (the copy is gone)"),
            Some(why) => format!("  line {at}: not fused into the kernel of line {into}: {why}"),
        };
        if !lines.contains(&text) {
            lines.push(text);
        }
    }
    if lines.is_empty() {
        return String::new();
    }
    format!("\nfusion (statements computed by one kernel, and fusions refused):\n{}\n", lines.join("\n"))
}

/// The report's section on user functions: inlined into the caller's kernels, or called.
fn functions_text(module: &Module, source: &str) -> String {
    let calls = function_calls(module, source);
    if calls.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nfunctions (a straight-line body is inlined into the caller's kernels):\n");
    let lines = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
    for (name, def_line, inlined, called) in calls {
        if !inlined.is_empty() {
            out.push_str(&format!("  {name} (line {def_line}): inlined at line {}\n", lines(&inlined)));
        }
        for (at, why, why_line) in called {
            out.push_str(&format!("  {name} (line {def_line}): called at line {at}, not inlined: {why} (line {why_line})\n"));
        }
    }
    out
}
