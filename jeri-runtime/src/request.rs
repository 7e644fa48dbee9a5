//! Request values: the part of every generated operation that does not depend on the
//! operation, written once.
//!
//! Each operation's request value (`GetCustomerRequest`, …) holds its arguments and
//! implements [`Request`]: how to encode them into a [`Call`](crate::Call) and how to
//! decode the response. [`request_methods!`](crate::request_methods!) then adds what
//! every request offers (`options`, `send`, `send_with_response`, `IntoFuture`), with its
//! documentation said here once instead of in every operation.

use crate::{Call, Error, Received};

/// The function that turns a received response into an operation's result.
pub type Decode<T> = fn(Received) -> Result<T, Error>;

/// One operation's request value: its arguments, ready to be sent.
///
/// Implemented by generated code. Callers use the methods
/// [`request_methods!`](crate::request_methods!) adds (`send`, `.await`,
/// `send_with_response`) rather than this trait.
pub trait Request: Sized {
    /// What a successful call returns.
    type Output: Send + 'static;

    /// Encodes the arguments into a call; an argument that cannot be sent is the `Err`
    /// (`Error::InvalidInput`), and nothing is sent.
    fn prepare(self) -> Result<Call, Error>;

    /// Turns the received response into the operation's result: a documented success
    /// into `Output`, anything else into an `Error`.
    fn decode(received: Received) -> Result<Self::Output, Error>;
}

/// Adds the methods every request value has, from its [`Request`] impl:
/// `options(CallOptions)`, `send()`, `send_with_response()` and `IntoFuture`, for a
/// struct with an `options: CallOptions` field. `request_methods!(Name => Output)`, where
/// `Output` is `<Name as Request>::Output`, spelled out so that the docs show it.
///
/// Invoked by generated code, once per operation.
#[macro_export]
macro_rules! request_methods {
    ($name:ident => $output:ty) => {
        impl $name {
            /// Per-call options (retries, timeout) for this request.
            #[inline]
            pub fn options(mut self, options: $crate::CallOptions) -> Self {
                self.options = options;
                self
            }

            /// Sends the request and decodes the response.
            ///
            /// The arguments are encoded now; an argument that cannot be sent fails the
            /// returned future with `Error::InvalidInput` and nothing is sent. The request
            /// goes out when the future is awaited. The future is boxed and owns what it
            /// needs, so it can be stored or spawned; awaiting the request itself
            /// (`IntoFuture`) returns this same future.
            #[inline]
            pub fn send(self) -> $crate::BoxFuture<::core::result::Result<$output, $crate::Error>> {
                $crate::execute(
                    <Self as $crate::Request>::prepare(self),
                    <Self as $crate::Request>::decode,
                )
            }

            /// Like [`send`](Self::send), also keeping the response's HTTP status and
            /// headers (request ids, rate limits) next to the decoded value.
            #[inline]
            pub fn send_with_response(
                self,
            ) -> $crate::BoxFuture<
                ::core::result::Result<$crate::ResponseValue<$output>, $crate::Error>,
            > {
                $crate::execute_with_response(
                    <Self as $crate::Request>::prepare(self),
                    <Self as $crate::Request>::decode,
                )
            }

            /// Sends the request and returns a successful response with its body
            /// unread, to be read in chunks (`Download::chunk`) without holding it
            /// in memory: for large downloads. Error statuses are decoded as
            /// [`send`](Self::send) decodes them.
            #[inline]
            pub fn send_streaming(
                self,
            ) -> $crate::BoxFuture<::core::result::Result<$crate::Download, $crate::Error>> {
                $crate::execute_streaming(
                    <Self as $crate::Request>::prepare(self),
                    <Self as $crate::Request>::decode,
                )
            }
        }

        impl ::core::future::IntoFuture for $name {
            type Output = ::core::result::Result<$output, $crate::Error>;
            type IntoFuture = $crate::BoxFuture<Self::Output>;

            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    };
}
