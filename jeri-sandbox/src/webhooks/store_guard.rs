//! The store lock that hands what happened to the delivery queue when released.

use std::ops::{Deref, DerefMut};
use std::sync::MutexGuard;

use super::delivery::Deliveries;
use crate::store::Store;

/// The locked store. Releasing it queues the events the change made, while the lock is
/// still held, so events are queued in the order the changes were made.
pub(crate) struct StoreGuard<'a> {
    store: MutexGuard<'a, Store>,
    deliveries: Option<&'a Deliveries>,
}

impl<'a> StoreGuard<'a> {
    pub(crate) fn new(store: MutexGuard<'a, Store>, deliveries: Option<&'a Deliveries>) -> Self {
        StoreGuard { store, deliveries }
    }
}

impl Deref for StoreGuard<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

impl Drop for StoreGuard<'_> {
    fn drop(&mut self) {
        // Without a webhook URL the events are dropped, so they never pile up.
        let happenings = self.store.take_happenings();
        if let Some(deliveries) = self.deliveries
            && !happenings.is_empty()
        {
            deliveries.enqueue(happenings);
        }
    }
}
