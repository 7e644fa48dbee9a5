//! tower layers around every attempt: the bridge from tower's middleware (metrics,
//! concurrency limits, request mapping) to the transport.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tower::util::{BoxCloneSyncService, Oneshot, ServiceExt as _};
use tower::{Layer, Service};

/// What a [`TransportBuilder::layer`](super::TransportBuilder::layer) wraps: the HTTP
/// client (and the layers added after the one wrapping it) as a tower `Service` from a
/// `reqwest::Request` to a `reqwest::Response`, failing with a `reqwest::Error`.
pub type HttpService = BoxCloneSyncService<reqwest::Request, reqwest::Response, reqwest::Error>;

/// A layer as the builder keeps it: how it wraps the service inside it; shown in
/// `Debug` only as such.
#[derive(Clone)]
pub(crate) struct LayerSlot(Arc<dyn Fn(HttpService) -> HttpService + Send + Sync>);

impl fmt::Debug for LayerSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Layer")
    }
}

impl LayerSlot {
    pub(crate) fn new<L>(layer: L) -> Self
    where
        L: Layer<HttpService> + Send + Sync + 'static,
        L::Service: Service<reqwest::Request, Response = reqwest::Response, Error = reqwest::Error>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as Service<reqwest::Request>>::Future: Send + 'static,
    {
        Self(Arc::new(move |inner| HttpService::new(layer.layer(inner))))
    }
}

/// `client` inside `layers`, the first added outermost (as with tower's
/// `ServiceBuilder`); `None` without layers, so that a transport without any sends
/// through the client directly.
pub(crate) fn wrap(client: &reqwest::Client, layers: Vec<LayerSlot>) -> Option<HttpService> {
    if layers.is_empty() {
        return None;
    }
    let innermost = HttpService::new(client.clone());
    Some(
        layers
            .into_iter()
            .rev()
            .fold(innermost, |inner, LayerSlot(wrap)| wrap(inner)),
    )
}

/// Sends one attempt's request: through the layers when there are any, else through
/// the client.
pub(crate) fn send(
    client: &reqwest::Client,
    layers: Option<&HttpService>,
    request: reqwest::Request,
) -> impl Future<Output = reqwest::Result<reqwest::Response>> + use<> {
    match layers {
        None => Attempting::Direct {
            future: client.execute(request),
        },
        Some(service) => Attempting::Layered {
            future: Box::pin(service.clone().oneshot(request)),
        },
    }
}

pin_project_lite::pin_project! {
    /// One attempt on the wire. The layered future is boxed: it holds the request while
    /// the layers get ready, and only transports with layers should pay for its size.
    #[project = AttemptingState]
    enum Attempting<F> {
        Direct {
            #[pin]
            future: F,
        },
        Layered {
            future: Pin<Box<Oneshot<HttpService, reqwest::Request>>>,
        },
    }
}

impl<F> Future for Attempting<F>
where
    F: Future<Output = reqwest::Result<reqwest::Response>>,
{
    type Output = reqwest::Result<reqwest::Response>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            AttemptingState::Direct { future } => future.poll(context),
            AttemptingState::Layered { future } => future.as_mut().poll(context),
        }
    }
}
