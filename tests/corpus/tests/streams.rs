#![cfg(corpus)]
//! Streams of corpus specs over loopback: Mistral's chat completion and conversation
//! events decoded from recorded streams (`tests/fixtures/*.sse`), and nexus's
//! `x-dropshot-pagination` operations followed across pages.

use futures_util::StreamExt as _;
use jeri_corpus::{mistral, nexus};
use jeri_runtime::Transport;
use jeri_test_support::{Reply, Server};

fn transport(server: &Server) -> Transport {
    Transport::builder()
        .base_url(server.url())
        .bearer_token("test-token")
        .build()
        .expect("a transport")
}

fn recorded(stream: &'static str) -> Reply {
    Reply::status(200)
        .header("content-type", "text/event-stream; charset=utf-8")
        .body(stream)
}

#[tokio::test]
async fn mistral_chat_completion_streams_completion_chunks_until_done() {
    let server = Server::start(vec![recorded(include_str!(
        "fixtures/mistral-chat-completion.sse"
    ))])
    .await;
    let request: mistral::types::ChatCompletionRequest =
        serde_json::from_value(serde_json::json!({
            "model": "mistral-small-latest",
            "stream": true,
            "messages": [{"role": "user", "content": "Who is the best French painter?"}]
        }))
        .expect("a request");
    let client = mistral::Client::from_transport(transport(&server));
    let answer = client
        .chat_completion_v1_chat_completions_post(request)
        .await
        .expect("the stream starts");
    let mistral::requests::ChatCompletionV1ChatCompletionsPostResponse200Body::Events(chunks) =
        answer
    else {
        panic!("a text/event-stream answer is the events variant");
    };
    let chunks: Vec<mistral::types::CompletionChunk> = chunks
        .map(|event| event.expect("a completion chunk").data)
        .collect()
        .await;
    assert_eq!(chunks.len(), 4, "[DONE] ends the stream and is not an item");
    let text: String = chunks
        .iter()
        .filter_map(|chunk| serde_json::to_value(&chunk.choices[0].delta.content).ok())
        .filter_map(|content| content.as_str().map(str::to_owned))
        .collect();
    assert_eq!(text, "Claude Monet.");
    let last = chunks.last().expect("a last chunk");
    let usage = serde_json::to_value(&last.usage).expect("the usage encodes");
    assert_eq!(usage["total_tokens"], 21);
    let sent = server.single();
    assert_eq!(
        sent.header("accept"),
        Some("application/json, text/event-stream")
    );
}

#[tokio::test]
async fn mistral_conversation_events_have_their_type_and_typed_data() {
    let server = Server::start(vec![recorded(include_str!(
        "fixtures/mistral-conversation.sse"
    ))])
    .await;
    let request: mistral::types::ConversationStreamRequest =
        serde_json::from_value(serde_json::json!({"inputs": "Bonjour", "stream": true}))
            .expect("a request");
    let client = mistral::Client::from_transport(transport(&server));
    let events: Vec<_> = client
        .agents_api_v1_conversations_start_stream(request)
        .await
        .expect("the stream starts")
        .collect()
        .await;
    let kinds: Vec<Option<String>> = events
        .iter()
        .map(|event| event.as_ref().expect("a conversation event").event.clone())
        .collect();
    assert_eq!(
        kinds,
        [
            Some("conversation.response.started".to_owned()),
            Some("message.output.delta".to_owned()),
            Some("conversation.response.done".to_owned()),
        ]
    );
    let delta = serde_json::to_value(&events[1].as_ref().expect("the delta").data)
        .expect("the data encodes");
    assert_eq!(delta["content"], "Bonjour");
}

fn silo(id: u32, name: &str) -> String {
    format!(
        r#"{{"description": "", "discoverable": true, "id": "00000000-0000-0000-0000-{id:012}",
            "identity_mode": "local_only", "name": "{name}",
            "time_created": "2026-01-01T00:00:00Z", "time_modified": "2026-01-01T00:00:00Z"}}"#
    )
}

#[tokio::test]
async fn nexus_dropshot_pages_stream_across_pages() {
    let server = Server::start(vec![
        Reply::json(
            200,
            format!(
                r#"{{"items": [{}, {}], "next_page": "p2"}}"#,
                silo(1, "a"),
                silo(2, "b")
            ),
        ),
        Reply::json(
            200,
            format!(r#"{{"items": [{}], "next_page": "p3"}}"#, silo(3, "c")),
        ),
        Reply::json(200, r#"{"items": [], "next_page": null}"#),
    ])
    .await;
    let client = nexus::Client::from_transport(transport(&server));
    let names: Vec<String> = client
        .silo_list_stream()
        .map(|silo| {
            let name = serde_json::to_value(silo.expect("a silo").name).expect("a name");
            name.as_str().unwrap_or_default().to_owned()
        })
        .collect()
        .await;
    assert_eq!(names, ["a", "b", "c"]);
    let tokens: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|request| {
            request
                .query_pairs()
                .into_iter()
                .find(|(name, _)| name == "page_token")
                .map(|(_, value)| value)
        })
        .collect();
    assert_eq!(tokens, [None, Some("p2".to_owned()), Some("p3".to_owned())]);
}
