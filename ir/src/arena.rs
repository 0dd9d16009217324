//! Typed arenas: IR nodes live in `Arena<T>` and are addressed by `Handle<T>`.

use std::fmt;
use std::marker::PhantomData;

/// An index into an [`Arena`] of `T`. Copyable, comparable, hashable.
pub struct Handle<T> {
    index: u32,
    marker: PhantomData<fn() -> T>,
}

impl<T> Handle<T> {
    pub fn new(index: usize) -> Self {
        Handle { index: index as u32, marker: PhantomData }
    }
    pub fn index(self) -> usize {
        self.index as usize
    }
}

impl<T> Clone for Handle<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Handle<T> {}
impl<T> PartialEq for Handle<T> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}
impl<T> Eq for Handle<T> {}
impl<T> PartialOrd for Handle<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Handle<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.index.cmp(&other.index)
    }
}
impl<T> std::hash::Hash for Handle<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.index.hash(state)
    }
}
impl<T> fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.index)
    }
}

/// An append-only vector of `T` addressed by [`Handle<T>`].
#[derive(Clone, Debug)]
pub struct Arena<T> {
    items: Vec<T>,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena { items: Vec::new() }
    }
}

impl<T> Arena<T> {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, item: T) -> Handle<T> {
        self.items.push(item);
        Handle::new(self.items.len() - 1)
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (Handle<T>, &T)> {
        self.items.iter().enumerate().map(|(i, t)| (Handle::new(i), t))
    }
    /// Drops every item from `len` on (used to discard a speculative lowering pass).
    pub fn truncate(&mut self, len: usize) {
        self.items.truncate(len);
    }
    pub fn handles(&self) -> impl Iterator<Item = Handle<T>> {
        (0..self.items.len()).map(Handle::new)
    }
}

impl<T> std::ops::Index<Handle<T>> for Arena<T> {
    type Output = T;
    fn index(&self, h: Handle<T>) -> &T {
        &self.items[h.index()]
    }
}
impl<T> std::ops::IndexMut<Handle<T>> for Arena<T> {
    fn index_mut(&mut self, h: Handle<T>) -> &mut T {
        &mut self.items[h.index()]
    }
}

/// A side table keyed by handles (analysis results live here, not on IR nodes).
#[derive(Clone, Debug)]
pub struct HandleMap<K, V> {
    items: Vec<Option<V>>,
    marker: PhantomData<fn() -> K>,
}

impl<K, V> Default for HandleMap<K, V> {
    fn default() -> Self {
        HandleMap { items: Vec::new(), marker: PhantomData }
    }
}

impl<K, V> HandleMap<K, V> {
    pub fn insert(&mut self, h: Handle<K>, v: V) {
        if self.items.len() <= h.index() {
            self.items.resize_with(h.index() + 1, || None);
        }
        self.items[h.index()] = Some(v);
    }
    pub fn get(&self, h: Handle<K>) -> Option<&V> {
        self.items.get(h.index()).and_then(|v| v.as_ref())
    }
}
