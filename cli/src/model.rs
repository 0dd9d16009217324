//! `--report --machine M --ranks N -- ARGS`: the machine description and the script's
//! parsed arguments that the performance model (`passes::model`) needs.

use std::process::ExitCode;

use passes::model::machine::Machine;
use passes::model::{Config, Device};
use runtime_abi::argparse_spec::ArgValue;

use crate::{Args, DeviceKind};

/// The machine descriptions that ship with legatec (`machines/`), by name.
pub const SHIPPED: &[(&str, &str)] = &[
    ("vm-2core", include_str!("../../machines/vm-2core.toml")),
    ("h200", include_str!("../../machines/h200.toml")),
];

/// The description named `name` (a shipped one) or in the file `name`.
pub fn machine(name: &str) -> Result<Machine, ExitCode> {
    let (origin, text) = match SHIPPED.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => (format!("the shipped description `{name}`"), text.to_string()),
        None => match std::fs::read_to_string(name) {
            Ok(text) => (format!("`{name}`"), text),
            Err(e) => {
                let names: Vec<&str> = SHIPPED.iter().map(|(n, _)| *n).collect();
                eprintln!(
                    "error: no machine `{name}`: not a shipped description ({}) and not a readable file: {e}\n\
                     hint: measure this machine with `legatec machine --measure -o machine.toml`",
                    names.join(", ")
                );
                return Err(ExitCode::from(1));
            }
        },
    };
    Machine::from_toml(&text).map_err(|e| {
        eprintln!("error: {origin} is not a machine description: {e}");
        ExitCode::from(1)
    })
}

/// The machine and the script's arguments as its own `parse_args()` would parse them
/// (`None` when the script parses none).
pub fn configure(args: &Args, module: &ir::Module, name: &str) -> Result<(Machine, Option<Vec<ArgValue>>), ExitCode> {
    let machine = machine(name)?;
    if args.device == DeviceKind::Gpu && machine.gpu.is_none() {
        eprintln!("error: the machine `{}` has no GPU in its description\nhint: --device cpu, or a description measured on a machine with a GPU", machine.name);
        return Err(ExitCode::from(1));
    }
    if args.ranks > 1 && machine.mpi.is_none() {
        eprintln!("error: the machine `{}` has no MPI measurement, so {} ranks cannot be predicted\nhint: measure it where `mpirun` is found", machine.name, args.ranks);
        return Err(ExitCode::from(1));
    }
    let spec = parser_spec(module);
    let values = match spec {
        None if !args.program_args.is_empty() => {
            eprintln!("error: arguments after `--` were given, but the script parses none (no `argparse` `parse_args()`)");
            return Err(ExitCode::from(1));
        }
        None => None,
        Some(spec_text) => {
            let spec = runtime_abi::argparse_spec::decode(&spec_text).map_err(|e| {
                eprintln!("internal compiler error in `report`: the argparse spec does not decode: {e}");
                ExitCode::from(101)
            })?;
            let prog = args.script.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
            let parser = runtime_numpy::argparse::Parser::new(&spec, &prog);
            match parser.parse_args(&args.program_args) {
                Ok(values) => Some(values),
                Err(runtime_numpy::argparse::Stop::Error(message)) => {
                    eprintln!("error: the script's arguments after `--` do not parse: {message}");
                    return Err(ExitCode::from(1));
                }
                Err(runtime_numpy::argparse::Stop::Help) => {
                    eprintln!("error: `-h` among the script's arguments: the report needs the arguments of a run");
                    return Err(ExitCode::from(1));
                }
                Err(runtime_numpy::argparse::Stop::Overflow(text)) => {
                    eprintln!("error: the script's argument {text} does not fit in 64 bits");
                    return Err(ExitCode::from(1));
                }
                Err(runtime_numpy::argparse::Stop::Internal(message)) => {
                    eprintln!("internal compiler error in `report`: argparse: {message}");
                    return Err(ExitCode::from(101));
                }
            }
        }
    };
    Ok((machine, values))
}

/// The spec of the script's `parse_args()` (the constant argument of `lt_args_parse`).
fn parser_spec(module: &ir::Module) -> Option<String> {
    let mut found = None;
    for (_, f) in module.functions.iter() {
        ir::walk_stmts(&f.body, &mut |s| {
            if let ir::StmtKind::Runtime { func: ir::EntryPoint::ArgsParse, args, .. } = &s.kind {
                if let Some(ir::Expr::Const(ir::Const::Str(spec))) = args.first().map(|&a| &f.exprs[a]) {
                    found = Some(spec.clone());
                }
            }
        });
    }
    found
}

/// The model's question: this machine, the ranks, threads and device of the flags.
pub fn config<'a>(args: &Args, machine: &'a Machine, values: Option<Vec<ArgValue>>) -> Config<'a> {
    Config {
        machine,
        ranks: args.ranks,
        threads: args.threads.unwrap_or(machine.cpu.cores.max(1)),
        device: match args.device {
            DeviceKind::Cpu => Device::Cpu,
            DeviceKind::Gpu => Device::Gpu,
        },
        args: values,
    }
}

/// The prediction beside a run's profile (`LEGATEC_PROFILE=run.json`): the whole run, each
/// loop, and each statement, largest misses first.
pub fn comparison(module: &ir::Module, p: &passes::model::Prediction, path: &std::path::Path, deny: bool) -> Result<String, ExitCode> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read the profile `{}`: {e}", path.display());
        ExitCode::from(1)
    })?;
    let bad = |what: &str| {
        eprintln!("error: `{}` is not a profile legatec wrote ({what})\nhint: run the program with LEGATEC_PROFILE=run.json", path.display());
        ExitCode::from(1)
    };
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(&e.to_string()))?;
    let statements = json["statements"].as_array().ok_or_else(|| bad("no `statements`"))?;
    let labels = ir::print::StmtLabels::new(module);
    let mut by_label = std::collections::HashMap::new();
    for (func, f) in module.functions.iter() {
        ir::walk_stmts(&f.body, &mut |s| {
            let at = ir::StmtRef { func, stmt: s.id };
            by_label.insert(labels.label(at), at);
        });
    }
    let per = p.per_execution();
    let num = |v: &serde_json::Value| v.as_f64();
    let mut rows = Vec::new();
    for s in statements {
        let (Some(label), Some(count), Some(seconds)) = (s["label"].as_str(), num(&s["count"]), num(&s["seconds"])) else {
            return Err(bad("a statement without label, count or seconds"));
        };
        let Some(at) = by_label.get(label) else {
            return Err(bad(&format!("statement `{label}` is not this script's: was it built from another version?")));
        };
        let predicted = per.get(at).map(|s| s * count);
        rows.push((s["line"].as_u64().unwrap_or(0), s["what"].as_str().unwrap_or("").to_string(), count, seconds, predicted));
    }
    let measured_total = num(&json["total_seconds"]).unwrap_or(f64::NAN);
    let fmt = |v: Option<f64>| v.map_or("?".to_string(), |x| format!("{x:.6} s"));
    let ratio = |m: f64, p: Option<f64>| p.filter(|p| *p > 0.0).map_or("-".to_string(), |p| format!("{:.2}", m / p));
    let mut out = format!(
        "\nthe prediction against the profile `{}` (rank {} of {}):\n  whole run: predicted {}, measured {measured_total:.6} s, measured / predicted {}\n",
        path.display(),
        json["rank"],
        json["ranks"],
        fmt(p.seconds),
        ratio(measured_total, p.seconds)
    );
    if let Some(loops) = json["loops"].as_array() {
        out.push_str("  loops (the statements written inside each):\n");
        for l in loops {
            let line = l["line"].as_u64().unwrap_or(0);
            let seconds = num(&l["seconds"]).unwrap_or(f64::NAN);
            // The prediction of the same statements: those of the loop's rows.
            let predicted: Option<f64> = p
                .loops
                .iter()
                .find(|c| labels.label(c.stmt) == l["label"].as_str().unwrap_or(""))
                .and_then(|c| c.seconds_per_iteration.zip(c.trips).zip(c.count).map(|((s, t), k)| s * t * k));
            out.push_str(&format!("    line {line}: predicted {}, measured {seconds:.6} s, measured / predicted {}\n", fmt(predicted), ratio(seconds, predicted)));
        }
    }
    // `kernel-below-bound`: what took more than BELOW_BOUND times its prediction.
    let below: Vec<String> = rows
        .iter()
        .filter(|r| r.4.is_some_and(|p| p > 0.0 && r.3 > passes::lints::BELOW_BOUND * p && r.3 > 1e-3))
        .map(|r| format!("line {} {}: {:.2}x its predicted time", r.0, r.1, r.3 / r.4.unwrap_or(1.0)))
        .collect();
    if !below.is_empty() {
        let severity = if deny { "error" } else { "warning" };
        eprintln!(
            "{severity}[kernel-below-bound]: {} statement(s) of the profile took more than {} times their predicted time (and over 1 ms):\n  {}",
            below.len(),
            passes::lints::BELOW_BOUND,
            below.join("\n  ")
        );
        if deny {
            return Err(ExitCode::from(1));
        }
    }
    rows.sort_by(|a, b| {
        let miss = |r: &(u64, String, f64, f64, Option<f64>)| (r.3 - r.4.unwrap_or(0.0)).abs();
        miss(b).total_cmp(&miss(a))
    });
    out.push_str("  statements, largest misses first:\n");
    for (line, what, count, seconds, predicted) in rows.iter().take(20) {
        out.push_str(&format!(
            "    line {line} {what}: {count} x, predicted {}, measured {seconds:.6} s, measured / predicted {}\n",
            fmt(*predicted),
            ratio(*seconds, *predicted)
        ));
    }
    Ok(out)
}
