//! The target machine (host triple, CPU, PIC), the optimisation pipeline
//! (`default<O{n}>` with loop and SLP vectorisation) and emission.


use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{CodeModel, FileType, InitializationConfig, RelocMode, Target, TargetMachine};
use inkwell::OptimizationLevel;

use crate::{ice, Emit, Options, R};

/// The x86 vector ISA whose glibc libmvec variants (`_ZGV{b,d,e}N..._exp`)
/// kernels may call: each implies the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum VectorIsa {
    /// No vector math library (not x86-64 Linux, or no vectorisation at this level).
    None,
    /// SSE2 (`b` variants: 2 doubles, 4 floats).
    Sse,
    /// AVX2 (`d` variants: 4 doubles, 8 floats).
    Avx2,
    /// AVX-512 (`e` variants: 8 doubles, 16 floats).
    Avx512,
}

/// Which libmvec variants the target can call. `-lm` links libmvec (glibc's
/// `libm.so` script names it `AS_NEEDED`), so the driver needs nothing more.
pub(crate) fn vector_isa(options: &Options, machine: &TargetMachine) -> VectorIsa {
    let triple = machine.get_triple();
    let triple = triple.as_str().to_string_lossy();
    if options.opt_level < 2 || !triple.starts_with("x86_64") || !triple.contains("linux-gnu") {
        return VectorIsa::None;
    }
    if options.target_cpu == "native" {
        let features = TargetMachine::get_host_cpu_features().to_string_lossy().into_owned();
        let has = |f: &str| features.split(',').any(|x| x == f);
        return if has("+avx512f") {
            VectorIsa::Avx512
        } else if has("+avx2") {
            VectorIsa::Avx2
        } else {
            VectorIsa::Sse
        };
    }
    const AVX512: &[&str] = &[
        "x86-64-v4", "skylake-avx512", "cascadelake", "cooperlake", "cannonlake", "icelake-client", "icelake-server",
        "rocketlake", "tigerlake", "sapphirerapids", "emeraldrapids", "graniterapids", "graniterapids-d", "znver4", "znver5",
    ];
    const AVX2: &[&str] = &[
        "x86-64-v3", "haswell", "broadwell", "skylake", "alderlake", "raptorlake", "meteorlake", "arrowlake", "lunarlake",
        "gracemont", "znver1", "znver2", "znver3", "bdver4",
    ];
    let cpu = options.target_cpu.as_str();
    if AVX512.contains(&cpu) {
        VectorIsa::Avx512
    } else if AVX2.contains(&cpu) {
        VectorIsa::Avx2
    } else {
        VectorIsa::Sse
    }
}

static INIT: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();

/// Initialises the native LLVM target, once.
pub(crate) fn initialize() -> &'static Result<(), String> {
    INIT.get_or_init(|| Target::initialize_native(&InitializationConfig::default()))
}

/// A target machine for the host triple and the requested CPU.
pub(crate) fn machine(options: &Options) -> R<TargetMachine> {
    if let Err(e) = initialize() {
        return Err(ice(format!("initialising the native LLVM target: {e}")));
    }
    if options.opt_level > 3 {
        return Err(ice(format!("optimisation level {} is not in 0..=3", options.opt_level)));
    }
    let triple = TargetMachine::get_default_triple();
    let target = Target::from_triple(&triple).map_err(|e| ice(format!("no LLVM target for {triple}: {}", e.to_string_lossy())))?;
    let (cpu, features) = if options.target_cpu == "native" {
        (
            TargetMachine::get_host_cpu_name().to_string_lossy().into_owned(),
            TargetMachine::get_host_cpu_features().to_string_lossy().into_owned(),
        )
    } else {
        (options.target_cpu.clone(), String::new())
    };
    let level = match options.opt_level {
        0 => OptimizationLevel::None,
        1 => OptimizationLevel::Less,
        2 => OptimizationLevel::Default,
        _ => OptimizationLevel::Aggressive,
    };
    target
        .create_target_machine(&triple, &cpu, &features, level, RelocMode::PIC, CodeModel::Default)
        .ok_or_else(|| ice(format!("LLVM could not create a target machine for {triple} with CPU {cpu:?}")))
}

/// Runs LLVM's standard pipeline for the level, with loop and SLP vectorisation from O2.
pub(crate) fn optimize(module: &Module<'_>, machine: &TargetMachine, opt_level: u8) -> R<()> {
    let options = PassBuilderOptions::create();
    let vectorise = opt_level >= 2;
    options.set_loop_vectorization(vectorise);
    options.set_loop_slp_vectorization(vectorise);
    options.set_loop_interleaving(vectorise);
    options.set_loop_unrolling(opt_level >= 2);
    module
        .run_passes(&format!("default<O{opt_level}>"), machine, options)
        .map_err(|e| ice(format!("LLVM pass pipeline: {}", e.to_string_lossy())))
}

/// The bytes of the requested output.
pub(crate) fn emit(module: &Module<'_>, machine: &TargetMachine, emit: Emit) -> R<Vec<u8>> {
    let file_type = match emit {
        Emit::LlvmIr => return Ok(module.print_to_string().to_bytes().to_vec()),
        Emit::Asm => FileType::Assembly,
        Emit::Object => FileType::Object,
    };
    let buffer = machine
        .write_to_memory_buffer(module, file_type)
        .map_err(|e| ice(format!("LLVM code emission: {}", e.to_string_lossy())))?;
    Ok(buffer.as_slice().to_vec())
}
