//! Delta debugging on the statements of a program: removes chunks of statements (halving the
//! chunk size down to single statements), unwraps block headers (`if c:` and its body becomes
//! the body), and keeps each change after which the program still parses and `interesting`
//! still holds, until nothing more can go or the budget is spent.
//!
//! The header comment block is kept, so a reproducer runs with the same `# args:`.

use std::time::Instant;

use super::lex::{lex, Lexed};

/// How much work the minimiser may do.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// The most calls of `interesting`.
    pub tests: usize,
    /// The moment it must stop.
    pub deadline: Instant,
}

/// One removable piece: a logical line (physical lines `first..=last`), and for a block
/// header, where its body ends.
#[derive(Clone, Debug)]
struct Unit {
    first: usize,
    last: usize,
    indent: usize,
    body_end: Option<usize>,
}

fn units(text: &str, lexed: &Lexed) -> Vec<Unit> {
    let _ = text;
    let logical = &lexed.logical;
    logical
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let body_end = line.opens_block.then(|| {
                let mut end = line.last;
                for next in &logical[i + 1..] {
                    if next.indent > line.indent {
                        end = next.last;
                    } else {
                        break;
                    }
                }
                end
            });
            Unit { first: line.first, last: line.last, indent: line.indent, body_end }
        })
        .collect()
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The text without the physical lines in `drop` (sorted, inclusive ranges).
fn without(text: &str, drop: &[(usize, usize)]) -> String {
    lines(text)
        .into_iter()
        .enumerate()
        .filter(|(n, _)| !drop.iter().any(|&(a, b)| (a..=b).contains(n)))
        .map(|(_, l)| l)
        .collect()
}

/// The text with block header `unit` removed and its body (lines `unit.last+1..=end`)
/// dedented to the header's indentation.
fn unwrapped(text: &str, unit: &Unit, end: usize) -> Option<String> {
    let all = lines(text);
    let body = &all[unit.last + 1..=end];
    let body_indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()?;
    let shift = body_indent.checked_sub(unit.indent)?;
    let mut out = String::new();
    for (n, line) in all.iter().enumerate() {
        if (unit.first..=unit.last).contains(&n) {
            continue;
        }
        if n > unit.last && n <= end {
            let blank = line.len() - line.trim_start().len();
            out.push_str(&line[blank.min(shift)..]);
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// Minimises `text`. `parses` says whether a candidate is a program (CPython's parser);
/// `interesting` whether it still shows the finding. Returns the smallest program found and
/// how many tests were run.
pub fn minimise(
    text: &str,
    budget: Budget,
    mut parses: impl FnMut(&str) -> bool,
    mut interesting: impl FnMut(&str) -> bool,
) -> (String, usize) {
    let mut current = text.to_owned();
    let mut tests = 0usize;
    let mut try_candidate = |candidate: &str, current: &mut String, tests: &mut usize| -> bool {
        if *tests >= budget.tests || Instant::now() >= budget.deadline || candidate == current.as_str() {
            return false;
        }
        if !parses(candidate) {
            return false;
        }
        *tests += 1;
        if interesting(candidate) {
            *current = candidate.to_owned();
            true
        } else {
            false
        }
    };
    let out_of_budget = |tests: usize| tests >= budget.tests || Instant::now() >= budget.deadline;
    loop {
        let before = current.clone();
        // Chunks of statements, from half of them down to one.
        let mut chunk = (units(&current, &lex(&current)).len() / 2).max(1);
        loop {
            let mut start = 0;
            loop {
                let list = units(&current, &lex(&current));
                if start >= list.len() || out_of_budget(tests) {
                    break;
                }
                let end = (start + chunk).min(list.len());
                let mut last = list[end - 1].last;
                // A chunk ending on a block header takes its body too.
                if let Some(body_end) = list[end - 1].body_end {
                    last = last.max(body_end);
                }
                let candidate = without(&current, &[(list[start].first, last)]);
                if !try_candidate(&candidate, &mut current, &mut tests) {
                    start += chunk;
                }
            }
            if chunk == 1 || out_of_budget(tests) {
                break;
            }
            chunk /= 2;
        }
        // Block headers whose body can stand alone.
        let mut index = 0;
        loop {
            let list = units(&current, &lex(&current));
            if index >= list.len() || out_of_budget(tests) {
                break;
            }
            let unit = &list[index];
            let mut changed = false;
            if let Some(end) = unit.body_end {
                if let Some(candidate) = unwrapped(&current, unit, end) {
                    changed = try_candidate(&candidate, &mut current, &mut tests);
                }
            }
            if !changed {
                index += 1;
            }
        }
        if current == before || out_of_budget(tests) {
            break;
        }
    }
    // Comments and blank lines below the header block, which change nothing but the size.
    let lexed = lex(&current);
    if let Some(first_code) = lexed.logical.first().map(|l| l.first) {
        let code_lines: Vec<bool> = {
            let mut code = vec![false; lines(&current).len()];
            for line in &lexed.logical {
                for flag in &mut code[line.first..=line.last] {
                    *flag = true;
                }
            }
            code
        };
        let stripped: String = lines(&current)
            .into_iter()
            .enumerate()
            .filter(|&(n, _)| n < first_code || code_lines[n])
            .map(|(_, l)| l)
            .collect();
        try_candidate(&stripped, &mut current, &mut tests);
    }
    // Prose in the header block: only the keys the harness reads stay.
    let stripped = strip_header_prose(&current);
    try_candidate(&stripped, &mut current, &mut tests);
    (current, tests)
}

/// Whether the indentation of a program's logical lines can be Python's: a block follows each
/// line ending in `:`, a line is indented deeper only there, and a dedent returns to an
/// enclosing level. A cheap filter before CPython's parser.
pub fn plausible(text: &str) -> bool {
    let lexed = lex(text);
    let mut levels = vec![0usize];
    let mut opens = false;
    for line in &lexed.logical {
        let top = *levels.last().unwrap_or(&0);
        if opens {
            if line.indent <= top {
                return false;
            }
            levels.push(line.indent);
        } else if line.indent > top {
            return false;
        } else {
            while levels.last().is_some_and(|&l| l > line.indent) {
                levels.pop();
            }
            if levels.last() != Some(&line.indent) {
                return false;
            }
        }
        opens = line.opens_block;
    }
    !opens
}

/// The text without the comment lines of its header block that are not keys the runs read
/// (`args`, `env`, `rtol`, `whitespace`, `stderr`).
pub fn strip_header_prose(text: &str) -> String {
    let mut out = String::new();
    let mut in_header = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if in_header && !trimmed.is_empty() && !trimmed.starts_with('#') {
            in_header = false;
        }
        if in_header {
            let key = trimmed.strip_prefix('#').and_then(|c| c.split_once(':')).map(|(k, _)| k.trim());
            if !matches!(key, Some("args" | "env" | "rtol" | "whitespace" | "stderr")) {
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// The program with only the `index`-th of its `# args:` header lines; `None` when it has
/// fewer.
pub fn only_args_line(text: &str, index: usize) -> Option<String> {
    let mut out = String::new();
    let mut seen = 0;
    let mut kept = false;
    let mut in_header = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if in_header && !trimmed.is_empty() && !trimmed.starts_with('#') {
            in_header = false;
        }
        let is_args = in_header && trimmed.strip_prefix('#').and_then(|c| c.split_once(':')).is_some_and(|(k, _)| k.trim() == "args");
        if is_args {
            seen += 1;
            if seen - 1 != index {
                continue;
            }
            kept = true;
        }
        out.push_str(line);
    }
    kept.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn budget() -> Budget {
        Budget { tests: 1000, deadline: Instant::now() + Duration::from_secs(30) }
    }

    /// A crude parser of indentation: a block follows each `:` line, and a dedent returns to
    /// an enclosing level. Lines ending in `,` continue (their next line is not checked).
    fn parses(text: &str) -> bool {
        let all: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).collect();
        let mut levels = vec![0usize];
        let mut opens = false;
        let mut continued = false;
        for line in &all {
            let indent = line.len() - line.trim_start().len();
            if continued {
                continued = line.trim_end().ends_with(',');
                continue;
            }
            let top = *levels.last().unwrap();
            if opens {
                if indent <= top {
                    return false;
                }
                levels.push(indent);
            } else if indent > top {
                return false;
            } else {
                while *levels.last().unwrap() > indent {
                    levels.pop();
                }
                if *levels.last().unwrap() != indent {
                    return false;
                }
            }
            opens = line.trim_end().ends_with(':');
            continued = line.trim_end().ends_with(',');
        }
        !all.is_empty() && !opens
    }

    #[test]
    fn reduces_to_the_relevant_lines() {
        let program = "# args: -n 3\n# A program: with prose.\n# exit: 1\nimport numpy as np\n\nn = 3\na = np.ones(n)\nfor i in range(n):\n    a[i] = i\n    if i > 1:\n        x = 7\n        print(x)\n        x = 2.5\nprint(np.sum(a))\n# done\n";
        // The "bug" needs `x = 7`, `print(x)` and `x = 2.5`, in this order.
        let interesting = |text: &str| {
            let a = text.find("x = 7");
            let b = text.find("print(x)");
            let c = text.find("x = 2.5");
            matches!((a, b, c), (Some(a), Some(b), Some(c)) if a < b && b < c)
        };
        let (small, tests) = minimise(program, budget(), parses, interesting);
        assert_eq!(small, "# args: -n 3\nx = 7\nprint(x)\nx = 2.5\n");
        assert!(tests < 60, "{tests} tests");
    }

    #[test]
    fn plausible_indentation() {
        assert!(plausible("x = 1\nif x:\n    y = f(1,\n2)\n    if y:\n        pass\nz = 2\n"));
        assert!(!plausible("x = 1\n    y = 2\n"));
        assert!(!plausible("if x:\ny = 2\n"));
        assert!(!plausible("if x:\n        y = 2\n    z = 3\n"));
        assert!(!plausible("for i in r:\n"));
    }

    #[test]
    fn header_edits() {
        let text = "# rtol: 1e-3\n# Prose: here.\n# args: -a\n# args: -b 2\n# exit: 1\nx = 1  # args: no\n";
        assert_eq!(only_args_line(text, 1).unwrap(), "# rtol: 1e-3\n# Prose: here.\n# args: -b 2\n# exit: 1\nx = 1  # args: no\n");
        assert_eq!(only_args_line(text, 2), None);
        assert_eq!(strip_header_prose(text), "# rtol: 1e-3\n# args: -a\n# args: -b 2\nx = 1  # args: no\n");
    }

    #[test]
    fn keeps_statements_spanning_lines_whole_and_respects_the_budget() {
        let program = "a = f(1,\n      2)\nb = 3\nprint(a)\n";
        let (small, _) = minimise(program, budget(), parses, |t| t.contains("print(a)") && t.contains("      2)"));
        assert_eq!(small, "a = f(1,\n      2)\nprint(a)\n");
        let spent = Budget { tests: 0, deadline: Instant::now() + Duration::from_secs(30) };
        let (same, tests) = minimise(program, spent, parses, |_| true);
        assert_eq!((same.as_str(), tests), (program, 0));
    }
}
