//! The IR's text form is complete: for every program of the differential suite
//! (`cases/*.py`, `examples/**/*.py`, `reports/*.py`), the module as the frontend leaves
//! it and after each pass of the pipeline prints a text that `ir::parse::parse` reads back
//! into a module that the verifier accepts and that prints the same text again.
//!
//! Two more checks tie the text to the compiler: `legatec X.py --emit ir -o -` prints the
//! final module that the in-process pipeline makes (the `# args:` of a case only matter at
//! run time, so one compilation covers them), and the pipeline run on the module parsed
//! from the frontend's text ends in that same final text, so passes can start from text.
//!
//! `LEGATEC_CASES=substr` runs only the programs whose file name contains `substr`.

use std::path::Path;
use std::process::Command;

use testsuite::process::{differential_case_files, find_legatec, run_with_limit, time_limit};
use testsuite::report::{context_lines, first_line_difference};

/// Prints `module`, parses the text, verifies and prints the result; `Err` names the
/// stage and the first line where the texts differ.
fn round_trip(stage: &str, module: &ir::Module) -> Result<String, String> {
    let text = ir::print::print_module(module);
    let parsed = ir::parse::parse(&text).map_err(|e| {
        let line = context_lines(&text, e.line, 2);
        format!("{stage}: the printed IR does not parse: {e}\n{line}")
    })?;
    let errors = ir::verify::verify(&parsed);
    if !errors.is_empty() {
        return Err(format!("{stage}: the parsed IR fails the verifier:\n{}", errors.join("\n")));
    }
    let again = ir::print::print_module(&parsed);
    if let Some(line) = first_line_difference(&text, &again) {
        return Err(format!(
            "{stage}: print → parse → print differs at line {line}\nprinted:\n{}printed again:\n{}",
            context_lines(&text, line, 2),
            context_lines(&again, line, 2)
        ));
    }
    Ok(text)
}

/// Runs the pipeline on `module`, round-tripping the IR after each pass; returns the final text.
fn pipeline_round_trips(what: &str, module: &mut ir::Module) -> Result<String, String> {
    let mut failure = None;
    passes::run(module, true, |name, m| {
        if failure.is_none() {
            failure = round_trip(&format!("{what}after `{name}`"), m).err();
        }
    })
    .map_err(|e| format!("{what}the pipeline failed: {e:?}"))?;
    match failure {
        Some(f) => Err(f),
        None => Ok(ir::print::print_module(module)),
    }
}

fn check_case(legatec: &Path, path: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let path_text = path.display().to_string();
    let mut module = frontend::compile(&source, &path_text).map_err(|d| format!("does not compile: {d:?}"))?;
    let lowered = round_trip("before the pipeline", &module)?;
    let final_text = pipeline_round_trips("", &mut module)?;

    // Passes can start from text: the pipeline on the parsed frontend output ends alike.
    let mut reparsed = ir::parse::parse(&lowered).map_err(|e| format!("before the pipeline: {e}"))?;
    let from_text = pipeline_round_trips("starting from the parsed text, ", &mut reparsed)?;
    if let Some(line) = first_line_difference(&final_text, &from_text) {
        return Err(format!(
            "the pipeline started from the parsed text ends differently at line {line}\nfrom the frontend:\n{}from the text:\n{}",
            context_lines(&final_text, line, 2),
            context_lines(&from_text, line, 2)
        ));
    }

    // What `--emit ir` prints is the module checked here.
    let mut command = Command::new(legatec);
    command.arg(path).args(["--emit", "ir", "-o", "-"]).env("NO_COLOR", "1");
    let run = run_with_limit(&mut command, time_limit()).map_err(|e| format!("cannot run legatec: {e}"))?;
    if run.exit_code != Some(0) {
        return Err(format!("legatec --emit ir gave {}\n{}", run.status_text(), run.stderr));
    }
    if let Some(line) = first_line_difference(&final_text, &run.stdout) {
        return Err(format!(
            "`legatec --emit ir` differs from the in-process pipeline at line {line}\nin process:\n{}--emit ir:\n{}",
            context_lines(&final_text, line, 2),
            context_lines(&run.stdout, line, 2)
        ));
    }
    Ok(())
}

#[test]
fn ir_text_round_trips_for_every_differential_case() {
    let cases = differential_case_files().unwrap_or_else(|e| panic!("cannot list the differential cases: {e}"));
    assert!(!cases.is_empty(), "no differential case matches LEGATEC_CASES");
    let legatec = find_legatec().unwrap_or_else(|message| panic!("{message}"));
    let mut failures = Vec::new();
    for path in &cases {
        if let Err(report) = check_case(&legatec, path) {
            failures.push(format!("{}: {report}", path.display()));
        }
    }
    for failure in &failures {
        eprintln!("\n---------- {failure}");
    }
    assert!(failures.is_empty(), "{} of {} programs do not round-trip their IR text", failures.len(), cases.len());
    eprintln!("{} programs round-trip their IR text", cases.len());
}
