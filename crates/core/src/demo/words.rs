//! Invented words for the generator: forenames, surnames (common ones, and compounds
//! like Ash + worth), places for constituencies, postcodes, incident summaries, email
//! domains, and the typing slips real records have.
//!
//! Every name here is invented or common; no list may hold a real person's details.

use crate::base::rng::Rng;

/// Common forenames, for suspects, MPs and officers (some with accents, as real data has).
pub(super) const FORENAMES: &[&str] = &[
    "Robert",
    "William",
    "Elizabeth",
    "Margaret",
    "James",
    "Katherine",
    "Thomas",
    "Michael",
    "Christopher",
    "Anthony",
    "Daniel",
    "Samuel",
    "Jennifer",
    "Alexander",
    "Rebecca",
    "Edward",
    "Susan",
    "Richard",
    "Patricia",
    "Stephen",
    "Joseph",
    "Nicholas",
    "Victoria",
    "Peter",
    "Philip",
    "Andrew",
    "David",
    "Sarah",
    "Emma",
    "Olivia",
    "Amelia",
    "Isla",
    "Grace",
    "Noah",
    "Oliver",
    "Harry",
    "George",
    "Jack",
    "Leo",
    "Arthur",
    "Freya",
    "Zara",
    "Priya",
    "Aisha",
    "Mohammed",
    "Omar",
    "Ravi",
    "Sunita",
    "Siobhan",
    "Ciaran",
    "Rhys",
    "Gareth",
    "Bethan",
    "Eilidh",
    "Callum",
    "Fiona",
    "Hamish",
    "Ines",
    "Zoe",
    "Chloé",
];

/// Common surnames.
pub(super) const SURNAMES: &[&str] = &[
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Lewis",
    "James",
    "Phillips",
    "Mason",
    "Mitchell",
    "Rose",
    "Davis",
    "Rodriguez",
    "Cox",
    "Alexander",
    "Morgan",
    "Moore",
    "Hughes",
    "Ward",
    "Turner",
    "Harris",
    "Cooper",
    "Hill",
    "Lloyd-Jones",
    "O'Neill",
    "McDonald",
    "Fraser",
    "Campbell",
    "Kaur",
    "Singh",
    "Ahmed",
    "Hussain",
    "Begum",
    "Nowak",
    "Kowalski",
    "Murphy",
    "Kelly",
    "Quinn",
    "Doyle",
    "Pritchard",
    "Llewellyn",
    "Vaughan",
    "Ellis",
    "Marsh",
    "Fenwick",
    "Ashworth",
    "Hargreaves",
    "Brennan",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Nguyen",
    "Chen",
    "Ferreira",
    "Rossi",
    "Müller",
    "Dubois",
    "Novak",
    "Sharma",
    "Gill",
    "Bibi",
    "Holt",
    "Carver",
];

/// Parts of invented surnames (Ash + worth = Ashworth), so that the surnames of a large
/// generated set are about as varied as real ones.
pub(super) const SURNAME_START: &[&str] = &[
    "Ash", "Black", "Brad", "Bright", "Brook", "Cald", "Cart", "Clay", "Cold", "Crad", "Dal",
    "Dun", "East", "Fair", "Farn", "Fen", "Ford", "Gold", "Green", "Hal", "Ham", "Hart", "Haw",
    "Hay", "Hol", "Hum", "Kirk", "Lang", "Lock", "Mar", "Mer", "Mid", "Mill", "Moor", "New", "Nor",
    "Oak", "Pen", "Pick", "Red", "Rock", "Rush", "Shaw", "Shel", "Stan", "Stock", "Thorn", "War",
    "West", "Whit", "Wins", "Wood",
];
pub(super) const SURNAME_END: &[&str] = &[
    "worth", "wood", "ley", "ton", "ford", "field", "well", "ridge", "by", "combe", "hurst",
    "more", "stead", "wick", "burn", "dale", "gate", "land", "mere", "thorpe", "wright", "man",
    "er", "ing", "son", "ham", "cott", "bury", "lock", "shaw", "holt", "den", "brook", "low", "ey",
    "all",
];

/// A surname: half the time a common one, otherwise an invented compound.
pub(super) fn surname(rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        rng.pick(SURNAMES).to_string()
    } else {
        format!("{}{}", rng.pick(SURNAME_START), rng.pick(SURNAME_END))
    }
}

/// Parts of invented constituency names: a start, an end and a suffix (Ashbridge North).
pub(super) const PLACE_START: &[&str] = &[
    "Ash", "Beck", "Brad", "Bram", "Cal", "Chester", "Dun", "Elm", "Fair", "Glen", "Hart", "Hol",
    "Kings", "Lang", "Mar", "Mill", "Nor", "Oak", "Pen", "Red", "Ship", "Stan", "Thorn", "Wey",
    "Whit", "Wolver",
];
pub(super) const PLACE_END: &[&str] = &[
    "bridge", "ford", "ham", "wick", "ton", "field", "moor", "dale", "by", "stow", "mouth", "well",
    "hurst", "leigh",
];
pub(super) const PLACE_SUFFIX: &[&str] = &[
    "",
    "",
    "",
    " North",
    " South",
    " East",
    " West",
    " and Vale",
    " Central",
    " Rural",
];

/// One-line incident summaries.
pub(super) const SUMMARIES: &[&str] = &[
    "Abusive email sent to the MP's parliamentary address",
    "Threatening posts on social media naming the MP",
    "Letter containing threats delivered to the constituency office",
    "Man shouted abuse at the MP at a surgery and refused to leave",
    "Repeated telephone calls to the office, abusive in tone",
    "Graffiti on the constituency office window",
    "Suspicious package left at the office; found to be harmless",
    "Person loitering outside the MP's home address on several nights",
    "Impersonation of the MP on social media",
    "Threat to kill posted in a public online forum",
];

/// Email domains under `.example`, which cannot be anyone's real address.
pub(super) const DOMAINS: &[&str] = &[
    "mailbox.example",
    "post.example",
    "inbox.example",
    "webmail.example",
];

/// A word with its first letter in capitals.
pub(super) fn title_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The letters and digits of a word, lower-cased, for email addresses and handles.
pub(super) fn ascii_lower(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// A postcode of a made-up district in a real area.
pub(super) fn postcode(rng: &mut Rng) -> String {
    const AREAS: &[&str] = &[
        "AB", "B", "BS", "CF", "CR", "DN", "E", "EH", "G", "GL", "LS", "M", "ME", "N", "NE", "NG",
        "OX", "PL", "S", "SW", "TN", "YO",
    ];
    const INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    format!(
        "{}{} {}{}{}",
        rng.pick(AREAS),
        1 + rng.below(20),
        rng.below(10),
        *rng.pick(INWARD) as char,
        *rng.pick(INWARD) as char
    )
}

/// One typing slip: a swapped, dropped, doubled or replaced letter.
pub(super) fn typo(rng: &mut Rng, word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 {
        return word.to_string();
    }
    let i = 1 + rng.below(chars.len() - 2);
    match rng.below(4) {
        0 => chars.swap(i, i + 1),
        1 => {
            chars.remove(i);
        }
        2 => chars.insert(i, chars[i]),
        _ => chars[i] = *rng.pick(&['a', 'e', 'i', 'o', 'y', 'n', 'r']),
    }
    chars.into_iter().collect()
}
