//! The generated server judged by Prism: the spec's server, implemented by its
//! `ExampleServer` (the `example_answers` setting), runs on loopback behind
//! `prism proxy --errors`, and every example call goes through the proxy. A call passes
//! when Prism finds nothing wrong with the request or with the server's answer, the
//! server accepted the request (Prism accepted it too, so a refusal is the server
//! refusing a valid request) and the client decoded the answer: a success, or the
//! documented redirect of an operation without one.

use jeri_codegen::model::Api;
use jeri_conformance::Spec;

use crate::Row;
use crate::observer::Observer;
use crate::server::Prism;

/// Said of a server check whose request Prism refuses before the server sees it.
pub const REFUSED_BY_PRISM: &str =
    "not judged: Prism refuses the request itself (its request failure says why)";

/// Serves `spec`'s generated server on a free loopback port until the returned handle is
/// aborted; its URL.
pub(crate) async fn serve(spec: &Spec) -> Result<(String, tokio::task::JoinHandle<()>), String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|error| format!("no loopback port for the server: {error}"))?;
    let address = listener
        .local_addr()
        .map_err(|error| format!("the server's address: {error}"))?;
    let router = (spec.router)();
    let task = tokio::spawn(async move {
        let _ = jeri_server::axum::serve(listener, router).await;
    });
    Ok((format!("http://{address}"), task))
}

/// Sends every example call of `spec` through Prism's proxy in front of the generated
/// server; counts the passes in `row.server_passed` and records each failure.
pub async fn check_server(
    prism: &std::path::Path,
    spec: &Spec,
    api: &Api,
    row: &mut Row,
) -> Result<(), String> {
    for (id, why) in spec.answers_left_out {
        row.fail(id, "server", format!("no example answer: {why}"));
    }
    let (upstream, task) = serve(spec).await?;
    let proxy = Prism::proxy(prism, &spec.path(), &upstream);
    let proxy = match proxy {
        Ok(proxy) => proxy,
        Err(error) => {
            task.abort();
            return Err(error);
        }
    };
    let observer = Observer::default();
    let transport = crate::transport(spec, api, &proxy.url, &observer);
    for index in 0..spec.calls {
        observer.prefer(None);
        let Some((id, sent)) = (spec.call)(&transport, index) else {
            break;
        };
        if spec.answers_left_out.iter().any(|(left, _)| *left == id) {
            continue;
        }
        let result = sent.await;
        let seen = observer.seen();
        if row
            .failures
            .iter()
            .any(|(i, asked, _)| i == id && asked == "request")
        {
            // Prism refuses this request in front of any server: its request failure
            // says why, and the server never sees it.
            row.fail(id, "server", REFUSED_BY_PRISM.to_owned());
            continue;
        }
        let violations = seen.violations.clone().filter(|text| text != "[]");
        match (&result, seen.status, violations) {
            (_, _, Some(violations)) => row.fail(
                id,
                "server",
                format!("Prism flags the exchange: {violations}"),
            ),
            (Ok(()), Some(status), None) if (200..300).contains(&status) => row.server_passed += 1,
            // A documented redirect (answered where an operation documents no success):
            // the client reads it as `Error::Api` with its documented body.
            (Err(jeri_runtime::Error::Api(api)), Some(status), None)
                if (300..400).contains(&status) && api.body_error().is_none() =>
            {
                row.server_passed += 1
            }
            (Err(error), status, None) => row.fail(
                id,
                "server",
                format!("answered {status:?}, not decoded: {error}"),
            ),
            (Ok(()), status, None) => {
                row.fail(id, "server", format!("answered {status:?}, not a success"))
            }
        }
    }
    task.abort();
    drop(proxy);
    Ok(())
}
