//! The header of a differential case: the `# key: value` comment lines at the top of the file.
//!
//! Recognised keys:
//!
//! - `# rtol: 1e-9` — relative tolerance for float tokens (default [`DEFAULT_RTOL`]).
//! - `# exit: 1` — the exit status both runs must have (default 0).
//! - `# args: --foo 3` — command-line arguments given to both sides, split on whitespace.
//!   Several `# args:` lines make several runs of both sides, one per line (`# args:` with
//!   nothing after it is a run without arguments); without any, one run without arguments.
//! - `# whitespace: exact` — runs of spaces and tabs are compared too (default: ignored).
//! - `# stderr: exact` — stderr must be identical too (argparse's usage and errors);
//!   `# stderr: exception` compares only the exception that ends a traceback (type and whole message);
//!   `# stderr: ignore` is the default.
//! - `# env: NAME=VALUE` — an environment variable for both sides (repeatable), e.g. `COLUMNS=60`.
//! - `# ignore-lines: PREFIX` — stdout lines starting with PREFIX are left out on both sides
//!   before comparing (repeatable): timings a program prints, which no two runs share.
//! - `# setup: SCRIPT ARGS` — a Python script (its path relative to the case's directory)
//!   run with ARGS in the case's working directory before either side runs: the input
//!   files a program reads (`examples/pandas/mortgage/generate_data.py`).
//!
//! The header is the block of comment lines (and blank lines) before the first line of code.
//! Other comments in that block, such as a sentence that happens to contain a colon, are prose.

/// The tolerance for float tokens when a case does not state one.
pub const DEFAULT_RTOL: f64 = 1e-12;

/// How whitespace inside a line is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhitespaceMode {
    /// Spaces and tabs only separate tokens; line breaks still count.
    Separator,
    /// Every run of spaces and tabs is a token that must match exactly.
    Exact,
}

/// How stderr is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StderrMode {
    Ignore,
    Exact,
    Exception,
}

/// What the header of a case asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseHeader {
    pub rtol: f64,
    pub exit_code: i32,
    /// The command line of each run; at least one (empty) run.
    pub runs: Vec<Vec<String>>,
    pub whitespace: WhitespaceMode,
    pub stderr: StderrMode,
    pub env: Vec<(String, String)>,
    /// Prefixes of stdout lines not compared.
    pub ignore_lines: Vec<String>,
    /// A Python script (relative to the case's directory) and its arguments, run first.
    pub setup: Option<Vec<String>>,
}

impl Default for CaseHeader {
    fn default() -> Self {
        CaseHeader {
            rtol: DEFAULT_RTOL,
            exit_code: 0,
            runs: vec![Vec::new()],
            whitespace: WhitespaceMode::Separator,
            stderr: StderrMode::Ignore,
            env: Vec::new(),
            ignore_lines: Vec::new(),
            setup: None,
        }
    }
}

/// Reads the header of a case from its source text.
///
/// A recognised key with a value that does not parse is an error, so that a typo in a
/// header never silently loosens a test.
pub fn parse_header(source: &str) -> Result<CaseHeader, String> {
    let mut header = CaseHeader::default();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for (index, line) in source.lines().enumerate() {
        let line_number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let Some(comment) = trimmed.strip_prefix('#') else {
            break;
        };
        let Some((key, value)) = comment.split_once(':') else {
            continue;
        };
        let key = key.trim();
        let value = value.trim();
        match key {
            "rtol" => {
                let rtol: f64 = value.parse().map_err(|_| {
                    format!("line {line_number}: `rtol` must be a number, found `{value}`")
                })?;
                if !(rtol >= 0.0 && rtol.is_finite()) {
                    return Err(format!("line {line_number}: `rtol` must be finite and not negative, found `{value}`"));
                }
                header.rtol = rtol;
            }
            "exit" => {
                header.exit_code = value.parse().map_err(|_| {
                    format!("line {line_number}: `exit` must be an integer, found `{value}`")
                })?;
            }
            "args" => {
                runs.push(value.split_whitespace().map(str::to_owned).collect());
            }
            "stderr" => {
                header.stderr = match value {
                    "exact" => StderrMode::Exact,
                    "exception" => StderrMode::Exception,
                    "ignore" => StderrMode::Ignore,
                    _ => {
                        return Err(format!(
                            "line {line_number}: `stderr` must be `exact`, `exception` or `ignore`, found `{value}`"
                        ))
                    }
                };
            }
            "setup" => {
                let words: Vec<String> = value.split_whitespace().map(str::to_owned).collect();
                if words.is_empty() {
                    return Err(format!("line {line_number}: `setup` needs a script"));
                }
                header.setup = Some(words);
            }
            "ignore-lines" => {
                if value.is_empty() {
                    return Err(format!("line {line_number}: `ignore-lines` needs a prefix"));
                }
                header.ignore_lines.push(value.to_owned());
            }
            "env" => {
                let Some((name, setting)) = value.split_once('=') else {
                    return Err(format!("line {line_number}: `env` must be `NAME=VALUE`, found `{value}`"));
                };
                header.env.push((name.trim().to_owned(), setting.trim().to_owned()));
            }
            "whitespace" => {
                header.whitespace = match value {
                    "exact" => WhitespaceMode::Exact,
                    "separator" => WhitespaceMode::Separator,
                    _ => {
                        return Err(format!(
                            "line {line_number}: `whitespace` must be `exact` or `separator`, found `{value}`"
                        ))
                    }
                };
            }
            _ => {}
        }
    }
    if !runs.is_empty() {
        header.runs = runs;
    }
    Ok(header)
}

impl CaseHeader {
    /// `stdout` without the lines the header says not to compare.
    pub fn compared_stdout(&self, stdout: &str) -> String {
        if self.ignore_lines.is_empty() {
            return stdout.to_owned();
        }
        stdout.split_inclusive('\n').filter(|line| !self.ignore_lines.iter().any(|p| line.starts_with(p.as_str()))).collect()
    }
}

/// The source the CPython reference runs: imports of the Legate and cuPyNumeric drop-in
/// replacements become imports of NumPy and pandas, line for line, so line numbers in
/// tracebacks stay.
pub fn reference_source(source: &str) -> String {
    const REPLACEMENTS: [(&str, &str); 3] = [("legate.numpy", "numpy"), ("cupynumeric", "numpy"), ("legate.pandas", "pandas")];
    let mut out = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        let indent_len = line.len() - line.trim_start().len();
        let (indent, rest) = line.split_at(indent_len);
        let mut replaced = None;
        for (module, real) in REPLACEMENTS {
            let prefix = format!("import {module} as ");
            if let Some(alias_and_end) = rest.strip_prefix(prefix.as_str()) {
                replaced = Some(format!("{indent}import {real} as {alias_and_end}"));
            } else if let Some(end) = rest.strip_prefix(&format!("import {module}")) {
                // `import cupynumeric` alone: keep the name the program uses.
                if end.trim().is_empty() && !module.contains('.') {
                    replaced = Some(format!("{indent}import {real} as {module}{end}"));
                }
            }
        }
        match replaced {
            Some(text) => out.push_str(&text),
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_no_header() {
        let header = parse_header("import numpy as np\n# rtol: 1e-3\n").unwrap();
        assert_eq!(header, CaseHeader::default());
    }

    #[test]
    fn reads_all_keys_and_ignores_prose() {
        let source = "# rtol: 1e-9\n# Heat stencil: five views of one grid.\n\n# exit: 1\n# args: -n 3 --fast\n# whitespace: exact\n# stderr: exact\n# env: COLUMNS=60\nimport numpy as np\n";
        let header = parse_header(source).unwrap();
        assert_eq!(header.rtol, 1e-9);
        assert_eq!(header.exit_code, 1);
        assert_eq!(header.runs, vec![vec!["-n", "3", "--fast"]]);
        assert_eq!(header.whitespace, WhitespaceMode::Exact);
        assert_eq!(header.stderr, StderrMode::Exact);
        assert_eq!(header.env, vec![("COLUMNS".to_string(), "60".to_string())]);
    }

    #[test]
    fn several_args_lines_are_several_runs() {
        let header = parse_header("# args:\n# args: -n 3\n# args: --help\nimport sys\n").unwrap();
        assert_eq!(header.runs, vec![vec![], vec!["-n", "3"], vec!["--help"]]);
        assert_eq!(parse_header("import sys\n").unwrap().runs, vec![Vec::<String>::new()]);
    }

    #[test]
    fn rejects_bad_values() {
        assert!(parse_header("# rtol: tight\n").is_err());
        assert!(parse_header("# rtol: -1\n").is_err());
        assert!(parse_header("# exit: one\n").is_err());
        assert!(parse_header("# whitespace: loose\n").is_err());
        assert!(parse_header("# stderr: some\n").is_err());
        assert!(parse_header("# env: COLUMNS\n").is_err());
    }

    #[test]
    fn rewrites_drop_in_imports_only() {
        let source = "import legate.numpy as np\nimport math\n    import cupynumeric as cnp\nimport cupynumeric\nimport numpy as np\n# import legate.numpy as np\n";
        let expected = "import numpy as np\nimport math\n    import numpy as cnp\nimport numpy as cupynumeric\nimport numpy as np\n# import legate.numpy as np\n";
        assert_eq!(reference_source(source), expected);
    }
}
