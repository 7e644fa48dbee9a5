//! What generated `pages()` code reads from a page, whatever way the page's type wraps it:
//! a property may be required (`T`), optional (`Option<T>`), or optional and nullable
//! (`Nullable<T>`), and the generator need not know which.

use super::Nullable;

/// A page's list of items. Implemented for `Vec<I>` and its optional wrappings (absent or
/// `null` is an empty page).
#[doc(hidden)]
pub trait PageItems<I> {
    /// The items, in order.
    fn items(&self) -> &[I];
    /// The items, taken.
    fn into_items(self) -> Vec<I>;
}

impl<I> PageItems<I> for Vec<I> {
    fn items(&self) -> &[I] {
        self
    }
    fn into_items(self) -> Vec<I> {
        self
    }
}

impl<I, T: PageItems<I>> PageItems<I> for Option<T> {
    fn items(&self) -> &[I] {
        self.as_ref().map_or(&[], PageItems::items)
    }
    fn into_items(self) -> Vec<I> {
        self.map(PageItems::into_items).unwrap_or_default()
    }
}

impl<I, T: PageItems<I>> PageItems<I> for Nullable<T> {
    fn items(&self) -> &[I] {
        match self {
            Nullable::Value(value) => value.items(),
            _ => &[],
        }
    }
    fn into_items(self) -> Vec<I> {
        match self {
            Nullable::Value(value) => value.into_items(),
            _ => Vec::new(),
        }
    }
}

/// A value that names the next page: a cursor, an id, a URL. Empty text is none.
#[doc(hidden)]
pub trait PageCursor {
    /// The value as the next request sends it; `None` when there is none.
    fn cursor(&self) -> Option<String>;
}

impl PageCursor for String {
    fn cursor(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.clone())
    }
}

macro_rules! integer_cursor {
    ($($ty:ty),*) => {$(
        impl PageCursor for $ty {
            fn cursor(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
integer_cursor!(i32, i64, u32, u64);

impl PageCursor for crate::uuid::Uuid {
    fn cursor(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl<T: PageCursor> PageCursor for Option<T> {
    fn cursor(&self) -> Option<String> {
        self.as_ref().and_then(PageCursor::cursor)
    }
}

impl<T: PageCursor> PageCursor for Nullable<T> {
    fn cursor(&self) -> Option<String> {
        match self {
            Nullable::Value(value) => value.cursor(),
            _ => None,
        }
    }
}

/// A flag saying more pages follow (`has_more`); absent or `null` is `false`.
#[doc(hidden)]
pub trait PageFlag {
    /// Whether the flag is set.
    fn is_set(&self) -> bool;
}

impl PageFlag for bool {
    fn is_set(&self) -> bool {
        *self
    }
}

impl<T: PageFlag> PageFlag for Option<T> {
    fn is_set(&self) -> bool {
        self.as_ref().is_some_and(PageFlag::is_set)
    }
}

impl<T: PageFlag> PageFlag for Nullable<T> {
    fn is_set(&self) -> bool {
        matches!(self, Nullable::Value(value) if value.is_set())
    }
}
