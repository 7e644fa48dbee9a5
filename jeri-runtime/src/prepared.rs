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

use crate::{Call, Error, OperationInfo, Received};
use crate::{Request, RequestBase, Transport};

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
    __base: RequestBase,
    args: O::Args,
}

impl<O: Operation> Prepared<O> {
    /// A request sending `args` through a clone of `transport`, with default call
    /// options. Called by generated client methods, which alone can make an `O`.
    #[doc(hidden)]
    #[inline]
    pub fn new(transport: &Transport, args: O::Args, _operation: O) -> Self {
        Self {
            __base: RequestBase::new(transport),
            args,
        }
    }

    crate::__send_methods!(O::Output);
}

crate::__send_methods!(into_future [O: Operation] Prepared<O> => O::Output);

impl<O: Operation> Request for Prepared<O> {
    type Output = O::Output;

    #[inline]
    fn prepare(self) -> Result<Call, Error> {
        let mut call = self.__base.call(O::OPERATION);
        O::encode(&mut call, self.args).map(|()| call)
    }

    #[inline]
    fn decode(received: Received) -> Result<O::Output, Error> {
        O::decode(received)
    }
}

impl<O: Operation> crate::WithBase for Prepared<O> {
    #[inline]
    fn request_base(&mut self) -> &mut RequestBase {
        &mut self.__base
    }
}

impl<O: Operation> Clone for Prepared<O>
where
    O::Args: Clone,
{
    fn clone(&self) -> Self {
        Self {
            __base: self.__base.clone(),
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
            .field("base", &self.__base)
            .finish()
    }
}
