//! Operations on the host copy of whole arrays, made current first by `gpu.rs`.

use runtime_abi::ArrayDesc;

use crate::array::{alloc_array, copy_strided, elem_size, shape, strides};
use crate::errors::RtResult;

/// A new C-contiguous copy of an array.
///
/// # Safety
/// `src` must be a live descriptor.
pub unsafe fn contiguous_copy(src: &ArrayDesc) -> RtResult<*mut ArrayDesc> {
    crate::gpu::host_read(src)?;
    let out = alloc_array(src.dtype, shape(src))?;
    let item = elem_size(src.dtype)?;
    let out_ref = unsafe { &*out };
    unsafe { copy_strided(out_ref.data, strides(out_ref), src.data, strides(src), shape(src), item) };
    Ok(out)
}
