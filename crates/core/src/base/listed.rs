//! An error that lists every problem of one kind at once (each bad line of a file), so
//! that a person can put them all right before running again, not one per run. `main`
//! shows each item on a line of its own; as text it is one line, items joined by `; `.

/// A summary and the items it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// What is wrong, and what to do, for all the items.
    pub summary: String,
    /// One entry per problem, such as "line 3: ...".
    pub items: Vec<String>,
}

impl std::fmt::Display for Listed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.summary, self.items.join("; "))
    }
}

impl std::error::Error for Listed {}
