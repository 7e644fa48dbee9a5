//! Request values: the part of every generated operation that does not depend on the
//! operation, written once.
//!
//! Each operation's request value (`GetCustomerRequest`, …) holds its arguments and
//! implements [`Request`]: how to encode them into a [`Call`](crate::Call) and how to
//! decode the response. [`request!`](crate::request!) declares the struct and adds what
//! every request offers (`options`, `send`, `send_with_response`, `send_streaming`,
//! `IntoFuture`), with its documentation said here once instead of in every operation.

use crate::{Call, CallOptions, Error, OperationInfo, Received, Transport};

/// What every request value holds besides the operation's arguments: the transport it is
/// sent through (a clone of the client's, sharing its configuration and connection pool)
/// and its per-call options.
///
/// Request values declared by [`request!`](crate::request!) keep one in a field named
/// `__base` (a name no parameter's field can take), filled by their constructor; the
/// operation's `prepare` starts its call from it.
#[derive(Clone)]
pub struct RequestBase {
    transport: Transport,
    options: CallOptions,
    /// A next page's URL, sent to instead of the operation's path and query.
    next_url: Option<Box<str>>,
}

/// Shows the per-call options only: the transport is the client's, and its whole
/// configuration in every request's `Debug` would drown the arguments.
impl std::fmt::Debug for RequestBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestBase")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl RequestBase {
    /// A base sending through a clone of `transport`, with default call options.
    #[inline]
    pub fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
            options: CallOptions::default(),
            next_url: None,
        }
    }

    /// Replaces the per-call options.
    #[inline]
    pub fn set_options(&mut self, options: CallOptions) {
        self.options = options;
    }

    /// Starts a call of `operation` with this transport and these options.
    #[inline]
    pub fn call(self, operation: &'static OperationInfo) -> Call {
        let mut call = Call::owning(self.transport, operation, self.options);
        call.next_url = self.next_url;
        call
    }

    /// Sends the request to `url` (a next page's) instead of its own path and query.
    pub(crate) fn set_next_url(&mut self, url: String) {
        self.next_url = Some(url.into());
    }
}

/// One operation's request value: its arguments, ready to be sent.
///
/// Implemented by generated code. Callers use the methods
/// [`request!`](crate::request!) adds (`send`, `.await`,
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

/// Declares one operation's request value: the struct with its arguments, its
/// constructor, a setter per optional argument, and what every request offers
/// (`options(CallOptions)`, `send()`, `send_with_response()`, `send_streaming()`,
/// `IntoFuture`), from the operation's [`Request`] impl. The documentation of the shared
/// methods is said here once instead of in every operation.
///
/// ```text
/// request! {
///     /// docs of the request value
///     pub struct GetCustomerRequest => Customer {
///         program_id: String,            // required, in constructor order
///     }
///     optional {
///         /// docs of the setter
///         expires_in(u32): u32,          // setter argument type: field type
///         note(impl Into<String>): String,
///     }
/// }
/// ```
///
/// `Output` after `=>` is `<Name as Request>::Output`, spelled out so that the docs show
/// it. The struct holds a [`RequestBase`] in `__base` (which the operation's `prepare`
/// starts its call from), the required arguments as given and the optional ones as
/// `Option`s, unset until their setter is called; a setter stores its argument through
/// `Into`. The constructor `new(&Transport, required...)` is visible to the module around
/// the one the request is declared in, where the client's methods call it.
///
/// Invoked by generated code, once per operation.
#[doc(hidden)]
#[macro_export]
macro_rules! request {
    (
        $(#[$attr:meta])*
        pub struct $name:ident => $output:ty {
            $( $field:ident : $field_ty:ty ),* $(,)?
        }
        $( optional {
            $( $(#[$setter_attr:meta])* $setter:ident ( $arg_ty:ty ) : $optional_ty:ty ),* $(,)?
        } )?
    ) => {
        $(#[$attr])*
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct $name {
            __base: $crate::RequestBase,
            $( $field: $field_ty, )*
            $($( $setter: ::core::option::Option<$optional_ty>, )*)?
        }

        impl $name {
            #[inline]
            #[allow(clippy::too_many_arguments)]
            pub(super) fn new(transport: &$crate::Transport, $( $field: $field_ty ),*) -> Self {
                Self {
                    __base: $crate::RequestBase::new(transport),
                    $( $field, )*
                    $($( $setter: ::core::option::Option::None, )*)?
                }
            }

            $($(
                $(#[$setter_attr])*
                #[inline]
                pub fn $setter(mut self, value: $arg_ty) -> Self {
                    self.$setter = ::core::option::Option::Some(::core::convert::Into::into(value));
                    self
                }
            )*)?

            $crate::__send_methods!($output);
        }

        impl $crate::WithBase for $name {
            #[inline]
            fn request_base(&mut self) -> &mut $crate::RequestBase {
                &mut self.__base
            }
        }

        $crate::__send_methods!(into_future [] $name => $output);
    };
}

/// What every request value offers, for [`request!`](crate::request!) structs and
/// [`Prepared`](crate::Prepared) alike, with its documentation written once:
/// `options`, `send`, `send_with_response` and `send_streaming` (invoked inside the
/// type's `impl` block, on a type with a [`RequestBase`] in `__base` that implements
/// [`Request`]), and `IntoFuture` (invoked beside it, with the impl's generic parameters
/// in brackets).
#[doc(hidden)]
#[macro_export]
macro_rules! __send_methods {
    (into_future [$($generics:tt)*] $name:ty => $output:ty) => {
        impl<$($generics)*> ::core::future::IntoFuture for $name {
            type Output = ::core::result::Result<$output, $crate::Error>;
            type IntoFuture = $crate::BoxFuture<Self::Output>;

            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    };
    ($output:ty) => {
        /// Per-call options (retries, timeout) for this request.
        #[inline]
        pub fn options(mut self, options: $crate::CallOptions) -> Self {
            self.__base.set_options(options);
            self
        }

        /// Sends the request and decodes the response.
        ///
        /// The arguments are encoded now; an argument that cannot be sent fails the
        /// returned future with `Error::InvalidInput` and nothing is sent. The request
        /// goes out when the future is awaited. The future is boxed and owns what it
        /// needs, so it can be stored or spawned; awaiting the request itself
        /// (`IntoFuture`) returns this same future.
        ///
        /// A failed call says whether the request took effect (`Error::outcome`) and
        /// whether sending it again is safe (`Error::is_retryable`).
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
    };
}
