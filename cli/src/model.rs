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
    ("h100", include_str!("../../machines/h100.toml")),
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

/// The run a prediction of `config` is for, as the plan table records it.
pub fn run_config(config: &Config<'_>) -> runtime_abi::plan_table::RunConfig {
    runtime_abi::plan_table::RunConfig {
        ranks: config.ranks,
        threads: config.threads,
        device: match config.device {
            Device::Cpu => "cpu",
            Device::Gpu => "gpu",
        }
        .to_string(),
        arguments: runtime_abi::argparse_spec::values_text(config.args.as_deref().unwrap_or(&[])),
    }
}

/// The profile `path` of a run of `module` (`LEGATEC_PROFILE=run.json ./app`).
/// A profile of another configuration than `config`'s (ranks, threads, device, arguments)
/// is an error: its times are not comparable with the prediction.
pub fn profile(module: &ir::Module, path: &std::path::Path, config: &Config<'_>) -> Result<passes::model::profile::Profile, ExitCode> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read the profile `{}`: {e}", path.display());
        ExitCode::from(1)
    })?;
    let profile = passes::model::profile::Profile::parse(module, &path.display().to_string(), &text).map_err(|why| {
        eprintln!("error: `{}` is not a profile legatec wrote ({why})\nhint: run the program with LEGATEC_PROFILE=run.json", path.display());
        ExitCode::from(1)
    })?;
    let predicted = run_config(config);
    match &profile.run {
        Some(run) if *run != predicted => {
            eprintln!(
                "error: the profile `{}` is of a run of {}, the prediction is for {}: their times are not comparable\nhint: give --ranks, --threads, --device and the arguments after `--` of that run",
                path.display(),
                run.describe(),
                predicted.describe()
            );
            Err(ExitCode::from(1))
        }
        _ => Ok(profile),
    }
}

/// The `kernel-below-bound` lint: the statements of the profile that took more than
/// `lints::BELOW_BOUND` times their predicted time, a warning (an error with `deny`).
pub fn below_bound(c: &passes::model::profile::Comparison, deny: bool) -> Result<(), ExitCode> {
    let below: Vec<String> = c
        .below_bound()
        .iter()
        .map(|(m, p)| format!("line {} {}: {:.2}x its predicted time", m.line, m.what, m.time() / p.unwrap_or(1.0)))
        .collect();
    if below.is_empty() {
        return Ok(());
    }
    let severity = if deny { "error" } else { "warning" };
    eprintln!(
        "{severity}[kernel-below-bound]: {} statement(s) of the profile took more than {} times their predicted time (and over {} ms):\n  {}",
        below.len(),
        passes::lints::BELOW_BOUND,
        passes::lints::BELOW_BOUND_SECONDS * 1e3,
        below.join("\n  ")
    );
    if deny {
        return Err(ExitCode::from(1));
    }
    Ok(())
}
