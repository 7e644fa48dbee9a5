//! The futures generated operations return: send a call, read the body,
//! decode it.

use super::{BoxFuture, Call, Download, Error, Received, ResponseValue};

/// The function that turns a received response into an operation's result: the
/// operation's `decode`.
pub type Decode<T> = fn(Received) -> Result<T, Error>;

/// Sends `call` and turns the response into the operation's result with
/// `decode`, which runs once the body has been read (see [`Received`]).
///
/// This is how generated operations send: building the call and decoding
/// the response are plain functions, so the only future per operation is
/// this small wrapper around one shared, non-generic sending future. A
/// `call` that failed to build is returned when the future is awaited, and
/// nothing is sent.
///
/// ```no_run
/// use jeri_runtime::{
///     Call, CallOptions, Error, Method, OperationInfo, Received, Transport, execute,
/// };
///
/// static GET_PROGRAM: OperationInfo = OperationInfo {
///     id: "getProgram",
///     method: Method::Get,
///     path: "/v1/programs/{programId}",
///     security: &[],
/// };
///
/// fn prepare(transport: &Transport, program: &str) -> Result<Call, Error> {
///     let mut call = Call::new(transport, &GET_PROGRAM, CallOptions::default());
///     call.path_literal("/v1/programs/");
///     call.path_param("programId", &program)?;
///     Ok(call)
/// }
///
/// fn decode(received: Received) -> Result<serde_json::Value, Error> {
///     match received.status() {
///         200 => received.json(),
///         _ => Err(received.unexpected()),
///     }
/// }
///
/// # async fn demo(transport: &Transport) -> Result<(), Error> {
/// let program = execute(prepare(transport, "my-program"), decode).await?;
/// # let _ = program;
/// # Ok(())
/// # }
/// ```
pub fn execute<T: Send + 'static>(
    call: Result<Call, Error>,
    decode: Decode<T>,
) -> BoxFuture<Result<T, Error>> {
    match call.and_then(Call::receiving) {
        Ok(receiving) => Box::pin(Decoding { receiving, decode }),
        Err(error) => Box::pin(std::future::ready(Err(error))),
    }
}

pin_project_lite::pin_project! {
    /// The shared receiving future with the operation's decoder applied to
    /// its outcome. A plain struct rather than an `async` block, which would
    /// hold the receiving future twice (once captured, once being awaited).
    struct Decoding<F, T> {
        #[pin]
        receiving: F,
        decode: Decode<T>,
    }
}

impl<F, T> Future for Decoding<F, T>
where
    F: Future<Output = Result<Received, Error>>,
{
    type Output = Result<T, Error>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.project();
        let outcome = std::task::ready!(this.receiving.poll(context));
        std::task::Poll::Ready(outcome.and_then(*this.decode))
    }
}

/// Like [`execute`], keeping the response's status and headers along with
/// the decoded value: what a request's `send_with_response()` returns.
pub fn execute_with_response<T: Send + 'static>(
    call: Result<Call, Error>,
    decode: Decode<T>,
) -> BoxFuture<Result<ResponseValue<T>, Error>> {
    match call.and_then(Call::receiving) {
        Ok(receiving) => Box::pin(async move {
            let received = receiving.await?;
            let (status, headers) = (received.status(), received.headers().clone());
            decode(received).map(|value| ResponseValue::new(value, status, headers))
        }),
        Err(error) => Box::pin(std::future::ready(Err(error))),
    }
}

/// Like [`execute`], but a `2xx` response comes back with its body unread, as
/// a [`Download`]: what a request's `send_streaming()` returns.
///
/// Any other status is read and decoded as the operation documents it: an error is
/// returned as such, and a success documented outside `2xx` (a `3XX` or a
/// `default`-only operation) comes back with its body already read.
pub fn execute_streaming<T: Send + 'static>(
    call: Result<Call, Error>,
    decode: Decode<T>,
) -> BoxFuture<Result<Download, Error>> {
    Box::pin(async move {
        let response = call?.send_unread().await?;
        let (operation, status) = (response.operation(), response.status());
        if (200..300).contains(&status) {
            return Ok(Download::live(response));
        }
        let received = response.receive_whole().await;
        let headers = received.headers().clone();
        let bytes = received.body_bytes();
        decode(received)?;
        Ok(Download::read(operation, status, headers, bytes))
    })
}
