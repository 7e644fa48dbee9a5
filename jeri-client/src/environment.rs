//! Which API deployment to talk to.

use url::Url;

/// A JeriCommerce API deployment.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Environment {
    /// `https://api.jericommerce.com`
    #[default]
    Production,
    /// `https://s.api.jericommerce.com`
    Staging,
    /// Any other base URL, such as a local sandbox. Its path, if any, is
    /// prefixed to every operation path.
    Custom(Url),
}

impl Environment {
    /// The production base URL.
    pub const PRODUCTION_URL: &'static str = "https://api.jericommerce.com";
    /// The staging base URL.
    pub const STAGING_URL: &'static str = "https://s.api.jericommerce.com";

    /// The base URL as text.
    pub fn as_str(&self) -> &str {
        match self {
            Environment::Production => Self::PRODUCTION_URL,
            Environment::Staging => Self::STAGING_URL,
            Environment::Custom(url) => url.as_str(),
        }
    }
}

/// The base URL, so an environment can be given wherever a base URL is taken,
/// such as [`ClientBuilder::base_url`](crate::ClientBuilder).
impl From<Environment> for String {
    fn from(environment: Environment) -> String {
        environment.as_str().to_owned()
    }
}
