//! `legatec --report`: how the program will be distributed, as text or JSON.

use ir::span::line_col;
use ir::SymExpr;

use crate::partition::{LoopComm, Report, Site};

fn line(source: &str, span: ir::Span) -> usize {
    line_col(source, span.start).0
}

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

fn distribution(report: &Report, site: &Site, index: usize) -> String {
    if let Some((why, _)) = &site.replicated {
        return format!("replicated ({why})");
    }
    if site.ndim == 0 {
        return "replicated (0-d)".to_string();
    }
    match site.template {
        Some((root, Some(off))) if root != index => {
            format!("rows, aligned with {} at row offset {off:+}", report.sites[root].name)
        }
        Some((root, None)) if root != index => format!("rows, on the template of {}", report.sites[root].name),
        _ => "rows (own template)".to_string(),
    }
}

/// Messages and rows one exchange sends from a rank with two neighbours: the runtime
/// stores (and refreshes) the wider of the two halo widths on both sides.
fn messages(site: &Site) -> (usize, i64) {
    let width = site.halo.0.max(site.halo.1);
    (if width > 0 { 2 } else { 0 }, 2 * width)
}

fn loop_lines(report: &Report, source: &str, l: &LoopComm) -> Vec<String> {
    let mut out = Vec::new();
    for &(site, span) in &l.exchanges {
        let s = &report.sites[site];
        let (msgs, rows) = messages(s);
        out.push(format!(
            "    halo exchange of {} before line {}: {msgs} messages, {rows} rows of {} bytes",
            s.name,
            line(source, span),
            row_bytes(s)
        ));
    }
    for &span in &l.allreduces {
        out.push(format!("    allreduce at line {}: one 8-byte value per rank", line(source, span)));
    }
    for &(site, span) in &l.fetches {
        out.push(format!(
            "    rows of {} fetched from their owners at line {} (not a neighbour's ghost rows)",
            report.sites[site].name,
            line(source, span)
        ));
    }
    for (site, span, why) in &l.gathers {
        out.push(format!("    {} gathered whole at line {}: {why}", report.sites[*site].name, line(source, *span)));
    }
    for &span in &l.broadcasts {
        out.push(format!("    element broadcast by its owner at line {}", line(source, span)));
    }
    out.insert(0, format!("  line {} `{}`: {} exchange(s)", line(source, l.span), code(source, l.span), l.exchanges.len()));
    out
}

/// The text report.
pub fn text(report: &Report, source: &str, file: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("distribution report for {file}\n"));
    out.push_str("arrays are split by blocks of rows (axis 0) over the ranks, or replicated on every rank\n\n");
    out.push_str("arrays:\n");
    for (i, site) in report.sites.iter().enumerate() {
        if site.alloc.is_none() && site.replicated.is_none() && site.ndim == 0 {
            continue;
        }
        let halo = if site.replicated.is_some() || site.ndim == 0 {
            String::new()
        } else {
            format!(
                "; reads {} ghost row(s) below, {} above; stores {} each side",
                site.halo.0,
                site.halo.1,
                site.halo.0.max(site.halo.1)
            )
        };
        out.push_str(&format!(
            "  {} {} line {}: {}{halo}\n",
            site.name,
            shape_text(site),
            line(source, site.span),
            distribution(report, site, i)
        ));
    }
    let forced: Vec<&Site> = report.sites.iter().filter(|s| s.replicated.is_some()).collect();
    out.push_str("\nreplicated by force:\n");
    if forced.is_empty() {
        out.push_str("  none\n");
    }
    for site in forced {
        if let Some((why, span)) = &site.replicated {
            out.push_str(&format!("  {}: {why}, line {}: `{}`\n", site.name, line(source, *span), code(source, *span)));
        }
    }
    out.push_str("\nloops (communication per iteration of a rank with two neighbours):\n");
    if report.loops.is_empty() {
        out.push_str("  none communicate\n");
    }
    for l in &report.loops {
        for text in loop_lines(report, source, l) {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out.push_str("\noutside loops:\n");
    if report.gathers.is_empty() {
        out.push_str("  no gathers\n");
    }
    for (site, span, why) in &report.gathers {
        out.push_str(&format!("  {} gathered whole at line {}: {why}\n", report.sites[*site].name, line(source, *span)));
    }
    out.push_str("\non GPUs (arrays live in device memory; a reduction returns one value per block), copies to the host:\n");
    if report.transfers.is_empty() {
        out.push_str("  none\n");
    }
    let mut seen = Vec::new();
    for t in &report.transfers {
        let key = (report.sites[t.site].name.clone(), t.span, t.why.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let place = t.in_loop.map_or(String::new(), |l| format!(", in the loop at line {}", line(source, l)));
        let what = if t.why == "element read" { "one element of" } else { "" };
        out.push_str(&format!(
            "  line {}{place}: {what}{}{} ({})\n",
            line(source, t.span),
            if what.is_empty() { "" } else { " " },
            report.sites[t.site].name,
            t.why
        ));
    }
    out
}

fn json_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The JSON report (one object; stable key order).
pub fn json(report: &Report, source: &str, file: &str) -> String {
    let mut arrays = Vec::new();
    for (i, site) in report.sites.iter().enumerate() {
        let (dist, aligned, offset) = if site.replicated.is_some() || site.ndim == 0 {
            ("replicated", None, None)
        } else {
            match site.template {
                Some((root, off)) if root != i => ("rows", Some(report.sites[root].name.clone()), off),
                _ => ("rows", None, Some(0)),
            }
        };
        let (msgs, rows) = messages(site);
        arrays.push(format!(
            "{{\"name\": {}, \"line\": {}, \"shape\": {}, \"distribution\": {}, \"aligned_with\": {}, \"row_offset\": {}, \"halo\": [{}, {}], \"exchange_messages\": {msgs}, \"exchange_rows\": {rows}, \"row_bytes\": {}, \"replicated_because\": {}}}",
            json_str(&site.name),
            line(source, site.span),
            json_str(&shape_text(site)),
            json_str(dist),
            aligned.map_or("null".to_string(), |a| json_str(&a)),
            offset.map_or("null".to_string(), |o| o.to_string()),
            site.halo.0,
            site.halo.1,
            json_str(&row_bytes(site)),
            site.replicated.as_ref().map_or("null".to_string(), |(why, span)| format!(
                "{{\"reason\": {}, \"line\": {}}}",
                json_str(why),
                line(source, *span)
            )),
        ));
    }
    let mut loops = Vec::new();
    for l in &report.loops {
        let exchanges: Vec<String> = l
            .exchanges
            .iter()
            .map(|&(s, span)| {
                let (msgs, rows) = messages(&report.sites[s]);
                format!(
                    "{{\"array\": {}, \"line\": {}, \"messages\": {msgs}, \"rows\": {rows}, \"row_bytes\": {}}}",
                    json_str(&report.sites[s].name),
                    line(source, span),
                    json_str(&row_bytes(&report.sites[s]))
                )
            })
            .collect();
        let lines = |spans: &[ir::Span]| spans.iter().map(|&s| line(source, s).to_string()).collect::<Vec<_>>().join(", ");
        let allreduces: Vec<ir::Span> = l.allreduces.clone();
        let broadcasts: Vec<ir::Span> = l.broadcasts.clone();
        let fetches: Vec<String> = l
            .fetches
            .iter()
            .map(|&(s, span)| format!("{{\"array\": {}, \"line\": {}}}", json_str(&report.sites[s].name), line(source, span)))
            .collect();
        let gathers: Vec<String> = l
            .gathers
            .iter()
            .map(|(s, span, why)| {
                format!("{{\"array\": {}, \"line\": {}, \"reason\": {}}}", json_str(&report.sites[*s].name), line(source, *span), json_str(why))
            })
            .collect();
        loops.push(format!(
            "{{\"line\": {}, \"exchanges\": [{}], \"allreduce_lines\": [{}], \"fetches\": [{}], \"gathers\": [{}], \"broadcast_lines\": [{}]}}",
            line(source, l.span),
            exchanges.join(", "),
            lines(&allreduces),
            fetches.join(", "),
            gathers.join(", "),
            lines(&broadcasts)
        ));
    }
    let gathers: Vec<String> = report
        .gathers
        .iter()
        .map(|(s, span, why)| format!("{{\"array\": {}, \"line\": {}, \"reason\": {}}}", json_str(&report.sites[*s].name), line(source, *span), json_str(why)))
        .collect();
    let transfers: Vec<String> = report
        .transfers
        .iter()
        .map(|t| {
            format!(
                "{{\"array\": {}, \"line\": {}, \"reason\": {}, \"loop_line\": {}}}",
                json_str(&report.sites[t.site].name),
                line(source, t.span),
                json_str(&t.why),
                t.in_loop.map_or("null".to_string(), |l| line(source, l).to_string())
            )
        })
        .collect();
    format!(
        "{{\n  \"file\": {},\n  \"arrays\": [\n    {}\n  ],\n  \"loops\": [\n    {}\n  ],\n  \"gathers_outside_loops\": [{}],\n  \"gpu_host_copies\": [{}]\n}}\n",
        json_str(file),
        arrays.join(",\n    "),
        loops.join(",\n    "),
        gathers.join(", "),
        transfers.join(", ")
    )
}
