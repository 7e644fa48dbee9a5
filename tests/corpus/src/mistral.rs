//! Mistral's streaming operations (`specs/realworld/mistral.yaml`): a chat completion,
//! answered as JSON or as Server-Sent Events of `CompletionChunk`s ending at `[DONE]`,
//! and a conversation, events whose `data` is one of the conversation's event objects.
//! The whole document is type-checked by `tests/type_check.rs`; this subset is called.

jeri_macros::generate!(
    "../../../../shared/specs/realworld/mistral.yaml",
    only(
        operationId = "chat_completion_v1_chat_completions_post",
        operationId = "agents_api_v1_conversations_start_stream",
    ),
);
