//! The corpus as a table: every spec in `../shared/specs/`, with the operations left out
//! of it (and the defect in the published file that makes each one unusable).

use std::path::PathBuf;

/// One spec of the corpus.
#[derive(Debug, Clone, Copy)]
pub struct CorpusSpec {
    /// The path under `../shared/specs/`.
    pub file: &'static str,
    /// Operations left out with `skip(...)`, by operationId or path, each with the defect
    /// of the published spec that makes it unusable as written.
    pub skip: &'static [(&'static str, &'static str)],
}

/// Every spec of the corpus, smallest first. OpenAPI 3.0, 3.1 and Swagger 2.0 alike.
pub const SPECS: &[CorpusSpec] = &[
    CorpusSpec {
        file: "keeper.json",
        skip: &[],
    },
    CorpusSpec {
        file: "propolis-server.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/haystack.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/petstore.yaml",
        skip: &[],
    },
    CorpusSpec {
        file: "buildomat.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/twilio-messaging-v1.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/kratos.json",
        skip: &[(
            "updateSettingsFlow",
            "its security requirement names `sessionToken`, which components.securitySchemes does not define",
        )],
    },
    CorpusSpec {
        file: "realworld/hyperswitch.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/openai.yaml",
        skip: &[
            (
                "getCertificate",
                "the path has `{certificate_id}` but the operation declares `cert_id`",
            ),
            (
                "modifyCertificate",
                "the path variable `{certificate_id}` is never declared",
            ),
            (
                "deleteCertificate",
                "the path variable `{certificate_id}` is never declared",
            ),
            (
                "listProjectCertificates",
                "the path variable `{project_id}` is never declared",
            ),
            (
                "activateProjectCertificates",
                "the path variable `{project_id}` is never declared",
            ),
            (
                "deactivateProjectCertificates",
                "the path variable `{project_id}` is never declared",
            ),
        ],
    },
    CorpusSpec {
        file: "realworld/ensapi.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/memos.yaml",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/coolify.yaml",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/docker-engine.yaml",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/argo-workflows.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/talon-one.yaml",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/discord.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/mistral.yaml",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/svix.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/box.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/vapi.json",
        skip: &[(
            "CallController_deleteCallData",
            "the path `/call/{id}` has `{id}`, but the operation declares no path parameter `id`",
        )],
    },
    CorpusSpec {
        file: "nexus.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/klaviyo.json",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/inventree.yaml",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/stripe.yaml",
        skip: &[],
    },
    CorpusSpec {
        file: "realworld/github.json",
        skip: &[],
    },
];

/// `../shared/specs/`, or `None` when it is absent outside CI (the caller says why it
/// skips). Under `CI=true` a missing corpus panics: CI must not pass by skipping it.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs");
    if dir.is_dir() {
        return Some(dir);
    }
    let why = format!("the spec corpus is not at {}", dir.display());
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{why}; CI needs it"
    );
    eprintln!("skipping: {why}");
    None
}
