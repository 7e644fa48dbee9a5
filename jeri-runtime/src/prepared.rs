//! Requests of operations whose arguments are all required: one generic type instead of
//! a struct per operation.
//!
//! An operation without optional arguments needs no setters, so nothing about its
//! request value depends on the operation except how the arguments are encoded and how
//! the response is decoded. Generated code describes that in an [`Operation`] impl on a
//! marker type and names the request `Prepared<Marker>` (through an alias such as
//! `{Operation}Request`); `options`, `send`, `send_with_response`, `send_streaming`,
//! `IntoFuture`, `Clone` and `Debug` are written and compiled here once. In a crate with
//! hundreds of such operations this is most of what the compiler would otherwise go
//! over again on every rebuild.

use std::fmt;

use crate::{BoxFuture, Call, CallOptions, Download, Error, OperationInfo, Received};
use crate::{Request, RequestBase, ResponseValue, Transport};

/// One operation whose arguments are all required, implemented by generated code on a
/// marker type whose field is private to the generated client: a `Prepared` request is
/// built only by the client's methods, so a client scoped to a credential offers only
/// the operations that credential can call.
pub trait Operation: Sized {
    /// The arguments, in the order the client method takes them, as a tuple.
    type Args;
    /// What a successful call returns.
    type Output: Send + 'static;
    /// The operation's id, method, path template and security requirements.
    const OPERATION: &'static OperationInfo;

    /// Encodes the arguments into `call` (started for [`OPERATION`](Self::OPERATION));
    /// an argument that cannot be sent is the `Err` (`Error::InvalidInput`), and
    /// nothing is sent.
    fn encode(call: &mut Call, args: Self::Args) -> Result<(), Error>;

    /// Turns the received response into the operation's result: a documented success
    /// into `Output`, anything else into an `Error`.
    fn decode(received: Received) -> Result<Self::Output, Error>;
}

/// A request whose arguments are all given, ready to send: what the client method of an
/// operation without optional arguments returns (named per operation by an alias, such
/// as `{Operation}Request`).
///
/// Send it with `.await`, or with [`send`](Self::send),
/// [`send_with_response`](Self::send_with_response) or
/// [`send_streaming`](Self::send_streaming); [`options`](Self::options) sets per-call
/// retries and timeout first. The arguments are encoded when it is sent.
#[must_use = "a request does nothing until it is sent or awaited"]
pub struct Prepared<O: Operation> {
    base: RequestBase,
    args: O::Args,
}

impl<O: Operation> Prepared<O> {
    /// A request sending `args` through a clone of `transport`, with default call
    /// options. Called by generated client methods, which alone can make an `O`.
    #[doc(hidden)]
    #[inline]
    pub fn new(transport: &Transport, args: O::Args, _operation: O) -> Self {
        Self {
            base: RequestBase::new(transport),
            args,
        }
    }

    /// Per-call options (retries, timeout) for this request.
    #[inline]
    pub fn options(mut self, options: CallOptions) -> Self {
        self.base.set_options(options);
        self
    }

    /// Sends the request and decodes the response.
    ///
    /// The arguments are encoded now; an argument that cannot be sent fails the returned
    /// future with `Error::InvalidInput` and nothing is sent. The request goes out when
    /// the future is awaited. The future is boxed and owns what it needs, so it can be
    /// stored or spawned; awaiting the request itself (`IntoFuture`) returns this same
    /// future.
    #[inline]
    pub fn send(self) -> BoxFuture<Result<O::Output, Error>> {
        crate::execute(self.prepare(), O::decode)
    }

    /// Like [`send`](Self::send), also keeping the response's HTTP status and headers
    /// (request ids, rate limits) next to the decoded value.
    #[inline]
    pub fn send_with_response(self) -> BoxFuture<Result<ResponseValue<O::Output>, Error>> {
        crate::execute_with_response(self.prepare(), O::decode)
    }

    /// Sends the request and returns a successful response with its body unread, to be
    /// read in chunks (`Download::chunk`) without holding it in memory: for large
    /// downloads. Error statuses are decoded as [`send`](Self::send) decodes them.
    #[inline]
    pub fn send_streaming(self) -> BoxFuture<Result<Download, Error>> {
        crate::execute_streaming(self.prepare(), O::decode)
    }
}

impl<O: Operation> Request for Prepared<O> {
    type Output = O::Output;

    #[inline]
    fn prepare(self) -> Result<Call, Error> {
        let mut call = self.base.call(O::OPERATION);
        O::encode(&mut call, self.args).map(|()| call)
    }

    #[inline]
    fn decode(received: Received) -> Result<O::Output, Error> {
        O::decode(received)
    }
}

impl<O: Operation> std::future::IntoFuture for Prepared<O> {
    type Output = Result<O::Output, Error>;
    type IntoFuture = BoxFuture<Self::Output>;

    #[inline]
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

impl<O: Operation> Clone for Prepared<O>
where
    O::Args: Clone,
{
    fn clone(&self) -> Self {
        Self {
            base: self.base.clone(),
            args: self.args.clone(),
        }
    }
}

impl<O: Operation> fmt::Debug for Prepared<O>
where
    O::Args: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prepared")
            .field("operation", &O::OPERATION.id)
            .field("args", &self.args)
            .field("base", &self.base)
            .finish()
    }
}
