//! Operations on the host copy of whole arrays, made current first by `gpu.rs`.

use runtime_abi::ArrayDesc;

use crate::array::{alloc_array_uninit, copy_strided_parallel, elem_size, shape, strides};
use crate::errors::RtResult;

/// A new C-contiguous copy of an array.
///
/// # Safety
/// `src` must be a live descriptor.
pub unsafe fn contiguous_copy(src: &ArrayDesc) -> RtResult<*mut ArrayDesc> {
    crate::gpu::host_read(src)?;
    // Every element is written below.
    let out = alloc_array_uninit(src.dtype, shape(src))?;
    let item = elem_size(src.dtype)?;
    let out_ref = unsafe { &*out };
    unsafe { copy_strided_parallel(out_ref.data, strides(out_ref), src.data, strides(src), shape(src), item) };
    Ok(out)
}
