//! A deterministic generator of realistic Annex C returns, for the sample fixtures, the
//! benchmarks and the linkage scoring.
//!
//! Every return is the real template (written by [`crate::output::template::build_filled`]) filled
//! with invented MPs, constituencies, references and suspects. A controlled share of
//! suspects appear in several forces' returns with the corruptions real data has (typos,
//! swapped forename and surname, nicknames, a missing date of birth, a new postcode, an
//! email with a `+tag`), and some MPs are victims in several forces' returns. The truth of
//! who is who is written to `truth.csv` beside the returns, so linkage can be scored.
//!
//! All names are invented: forenames and surnames are drawn independently from common
//! lists, and constituencies are made up. The same seed always gives the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::base::dates::{Date, Quarter};
use crate::base::rng::Rng;
use crate::base::value::Value;
use crate::definition::{Definition, Force, DEFINITION_TOML, FORCES_CSV};
use crate::output::template::{build_filled, Filled};

const FORENAMES: &[&str] = &[
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

const SURNAMES: &[&str] = &[
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
const SURNAME_START: &[&str] = &[
    "Ash", "Black", "Brad", "Bright", "Brook", "Cald", "Cart", "Clay", "Cold", "Crad", "Dal",
    "Dun", "East", "Fair", "Farn", "Fen", "Ford", "Gold", "Green", "Hal", "Ham", "Hart", "Haw",
    "Hay", "Hol", "Hum", "Kirk", "Lang", "Lock", "Mar", "Mer", "Mid", "Mill", "Moor", "New", "Nor",
    "Oak", "Pen", "Pick", "Red", "Rock", "Rush", "Shaw", "Shel", "Stan", "Stock", "Thorn", "War",
    "West", "Whit", "Wins", "Wood",
];
const SURNAME_END: &[&str] = &[
    "worth", "wood", "ley", "ton", "ford", "field", "well", "ridge", "by", "combe", "hurst",
    "more", "stead", "wick", "burn", "dale", "gate", "land", "mere", "thorpe", "wright", "man",
    "er", "ing", "son", "ham", "cott", "bury", "lock", "shaw", "holt", "den", "brook", "low", "ey",
    "all",
];

/// A surname: half the time a common one, otherwise an invented compound.
fn surname(rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        rng.pick(SURNAMES).to_string()
    } else {
        format!("{}{}", rng.pick(SURNAME_START), rng.pick(SURNAME_END))
    }
}

const PLACE_START: &[&str] = &[
    "Ash", "Beck", "Brad", "Bram", "Cal", "Chester", "Dun", "Elm", "Fair", "Glen", "Hart", "Hol",
    "Kings", "Lang", "Mar", "Mill", "Nor", "Oak", "Pen", "Red", "Ship", "Stan", "Thorn", "Wey",
    "Whit", "Wolver",
];
const PLACE_END: &[&str] = &[
    "bridge", "ford", "ham", "wick", "ton", "field", "moor", "dale", "by", "stow", "mouth", "well",
    "hurst", "leigh",
];
const PLACE_SUFFIX: &[&str] = &[
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

const SUMMARIES: &[&str] = &[
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

const DOMAINS: &[&str] = &[
    "mailbox.example",
    "post.example",
    "inbox.example",
    "webmail.example",
];

/// Options for a generated data set.
#[derive(Clone, Debug)]
pub struct Options {
    /// Incident rows per return.
    pub incidents: usize,
    /// How many consecutive quarters, from `first_quarter`.
    pub quarters: usize,
    pub first_quarter: Quarter,
    pub seed: u64,
    /// How many forces, in forces.csv order (at most 46).
    pub forces: usize,
    /// The share of suspect records that belong to someone already reported elsewhere.
    pub repeat_share: f64,
    /// The sample set for `fixtures/returns/`: one quarter with every kind of problem.
    pub sample: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            incidents: 2000,
            quarters: 1,
            first_quarter: Quarter {
                start_year: 2016,
                number: 1,
            },
            seed: 2016,
            forces: 46,
            repeat_share: 0.1,
            sample: false,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub files: Vec<PathBuf>,
    pub incidents: usize,
    pub engagement: usize,
    pub suspects: usize,
    pub people: usize,
}

#[derive(Clone, Debug)]
struct Person {
    forename: String,
    surname: String,
    dob: Option<Date>,
    postcode: Option<String>,
    identifier: Option<String>,
}

#[derive(Clone, Debug)]
struct Mp {
    name: String,
    constituency: String,
}

/// A person as one force recorded them.
struct SuspectRecord {
    forename: Option<String>,
    surname: Option<String>,
    dob: Option<Date>,
    postcode: Option<String>,
    identifier: Option<String>,
}

struct World {
    rng: Rng,
    mps: Vec<Vec<Mp>>,
    people: Vec<Person>,
    /// People who may turn up again, with how often they have.
    repeaters: Vec<(usize, u32)>,
    truth: String,
    nicknames: Vec<(String, Vec<String>)>,
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

impl World {
    fn new(seed: u64, forces: &[Force]) -> World {
        let mut rng = Rng::new(seed);
        let mut used = std::collections::HashSet::new();
        let mps = forces
            .iter()
            .map(|_| {
                let n = 3 + rng.below(10);
                (0..n)
                    .map(|_| {
                        let constituency = loop {
                            let c = format!(
                                "{}{}{}",
                                rng.pick(PLACE_START),
                                rng.pick(PLACE_END),
                                rng.pick(PLACE_SUFFIX)
                            );
                            if used.insert(c.clone()) {
                                break c;
                            }
                        };
                        Mp {
                            name: format!("{} {}", rng.pick(FORENAMES), rng.pick(SURNAMES)),
                            constituency,
                        }
                    })
                    .collect()
            })
            .collect();
        let nicknames = crate::link::nicknames::nicknames()
            .into_iter()
            .map(|(k, v)| {
                (
                    title_case(&k),
                    v.into_iter().map(|n| title_case(&n)).collect(),
                )
            })
            .collect();
        World {
            rng,
            mps,
            people: Vec::new(),
            repeaters: Vec::new(),
            truth: String::from("file,sheet,row,reference,person,mp\n"),
            nicknames,
        }
    }

    fn new_person(&mut self, around: Date) -> usize {
        let rng = &mut self.rng;
        let forename = rng.pick(FORENAMES).to_string();
        let surname = surname(rng);
        let age_days = (18 + rng.below(60)) as i64 * 365 + rng.below(365) as i64;
        let dob = Some(Date::from_days(around.days() - age_days));
        let postcode = Some(postcode(rng));
        let identifier = if rng.chance(0.5) {
            let n = rng.below(10_000);
            Some(if rng.chance(0.5) {
                format!(
                    "{}.{}{n}@{}",
                    forename.to_lowercase(),
                    ascii_lower(&surname),
                    rng.pick(DOMAINS)
                )
            } else {
                format!("@{}{}{n}", forename.to_lowercase(), ascii_lower(&surname))
            })
        } else {
            None
        };
        let id = self.people.len();
        self.people.push(Person {
            forename,
            surname,
            dob,
            postcode,
            identifier,
        });
        id
    }

    /// Chooses who the suspect of an incident is: someone already reported, or new.
    fn suspect(&mut self, repeat_share: f64, around: Date) -> usize {
        if !self.repeaters.is_empty() && self.rng.chance(repeat_share) {
            let i = self.rng.below(self.repeaters.len());
            let (id, times) = &mut self.repeaters[i];
            *times += 1;
            let id = *id;
            if *times >= 4 {
                self.repeaters.swap_remove(i);
            }
            return id;
        }
        let id = self.new_person(around);
        if self.rng.chance(0.3) {
            self.repeaters.push((id, 1));
        }
        id
    }

    /// How one force recorded a person: with typos, swaps, nicknames and gaps.
    fn record(&mut self, id: usize) -> SuspectRecord {
        let p = self.people[id].clone();
        let rng = &mut self.rng;
        let mut forename = p.forename.clone();
        let mut surname = p.surname.clone();
        if rng.chance(0.12) {
            surname = typo(rng, &surname);
        }
        if rng.chance(0.08) {
            forename = typo(rng, &forename);
        } else if rng.chance(0.1) {
            if let Some((_, nicks)) = self.nicknames.iter().find(|(k, _)| *k == forename) {
                forename = rng.pick(nicks).clone();
            }
        }
        if rng.chance(0.15) {
            surname = surname.to_uppercase();
        }
        if rng.chance(0.06) {
            std::mem::swap(&mut forename, &mut surname);
        }
        let mut dob = p.dob;
        if rng.chance(0.15) {
            dob = None;
        } else if rng.chance(0.05) {
            dob = dob.and_then(|d| Date::new(d.year, d.day, d.month).or(Some(d)));
        } else if rng.chance(0.04) {
            dob = dob.map(|d| {
                Date::new(
                    d.year,
                    d.month,
                    if d.day > 9 { d.day - 9 } else { d.day + 9 },
                )
                .unwrap_or(d)
            });
        }
        let mut postcode = p.postcode.clone();
        if rng.chance(0.3) {
            postcode = None;
        } else if rng.chance(0.15) {
            postcode = Some(self::postcode(rng));
        } else if rng.chance(0.1) {
            postcode = postcode.map(|pc| pc.split(' ').next().unwrap_or("").to_string());
        }
        let mut identifier = p.identifier.clone();
        if rng.chance(0.35) {
            identifier = None;
        } else if rng.chance(0.1) {
            identifier = identifier.map(|i| match i.split_once('@') {
                Some((user, dom)) if !user.is_empty() => format!("{user}+mp@{dom}"),
                _ => i,
            });
        } else if rng.chance(0.15) {
            identifier = identifier.map(|i| i.to_uppercase());
        }
        let forename = (!forename.is_empty() && !rng.chance(0.03)).then_some(forename);
        SuspectRecord {
            forename,
            surname: Some(surname),
            dob,
            postcode,
            identifier,
        }
    }
}

fn ascii_lower(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

fn postcode(rng: &mut Rng) -> String {
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
fn typo(rng: &mut Rng, word: &str) -> String {
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

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// A variation of a sample return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    Normal,
    Nil,
    RenamedHeader,
    InsertedColumn,
    ContentErrors,
    FirstSubmission,
    Resubmission,
    Truncated,
    Duplicate,
}

/// Writes a generated data set into `dir` (created if need be).
pub fn generate(dir: &Path, opts: &Options) -> Result<Summary> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let def = crate::definition::annex_c();
    let forces: Vec<Force> = def
        .forces
        .iter()
        .take(opts.forces.clamp(1, def.forces.len()))
        .cloned()
        .collect();
    let mut world = World::new(opts.seed, &forces);
    let mut summary = Summary::default();
    let quarters: Vec<Quarter> = (0..opts.quarters.max(1))
        .map(|i| {
            let n = opts.first_quarter.number as usize - 1 + i;
            Quarter {
                start_year: opts.first_quarter.start_year + (n / 4) as i32,
                number: (n % 4) as u32 + 1,
            }
        })
        .collect();
    for q in &quarters {
        for (fi, force) in forces.iter().enumerate() {
            let variants: Vec<Variant> = if opts.sample {
                sample_variants(&force.code)
            } else {
                vec![Variant::Normal]
            };
            for variant in variants {
                let file = write_return(
                    dir,
                    def,
                    &mut world,
                    opts,
                    q,
                    fi,
                    force,
                    variant,
                    &mut summary,
                )?;
                if let Some(f) = file {
                    summary.files.push(f);
                }
            }
        }
    }
    crate::output::atomic::write_atomic(&dir.join("truth.csv"), world.truth.as_bytes())?;
    summary.people = world.people.len();
    Ok(summary)
}

/// The sample quarter's cast: who is missing, and who sent what.
fn sample_variants(code: &str) -> Vec<Variant> {
    match code {
        "cumbria" | "gwent" | "north-yorkshire" | "btp" => vec![],
        "dorset" => vec![Variant::Nil],
        "essex" => vec![Variant::RenamedHeader],
        "lancashire" => vec![Variant::InsertedColumn],
        "norfolk" => vec![Variant::ContentErrors],
        "surrey" => vec![Variant::FirstSubmission, Variant::Resubmission],
        "wiltshire" => vec![Variant::Truncated],
        "kent" => vec![Variant::Normal, Variant::Duplicate],
        _ => vec![Variant::Normal],
    }
}

#[allow(clippy::too_many_arguments)]
fn write_return(
    dir: &Path,
    def: &Definition,
    world: &mut World,
    opts: &Options,
    q: &Quarter,
    fi: usize,
    force: &Force,
    variant: Variant,
    summary: &mut Summary,
) -> Result<Option<PathBuf>> {
    let base = format!("{}-{}", force.code, q.to_string().replace(' ', "-"));
    let name = match variant {
        Variant::FirstSubmission => format!("{base}.xlsx"),
        Variant::Resubmission => format!("{base}-resubmitted.xlsx"),
        Variant::Duplicate => format!("{base} (copy).xlsx"),
        _ => format!("{base}.xlsx"),
    };
    let path = dir.join(&name);
    if variant == Variant::Duplicate {
        let original = dir.join(format!("{base}.xlsx"));
        std::fs::copy(&original, &path)
            .with_context(|| format!("copying {}", original.display()))?;
        return Ok(Some(path));
    }
    let incidents_n = match variant {
        Variant::Nil => 0,
        _ if opts.sample => 3 + world.rng.below(10),
        _ => opts.incidents,
    };
    let mps = world.mps[fi].clone();
    let mut filled = Filled::default();
    let submitted = Date::from_days(
        q.end().days()
            + 5
            + world.rng.below(15) as i64
            + if variant == Variant::Resubmission {
                7
            } else {
                0
            },
    );
    let officer = format!("{} {}", world.rng.pick(FORENAMES), world.rng.pick(SURNAMES));
    let email = format!(
        "{}@{}.police.example",
        ascii_lower(&officer.replace(' ', ".")).replace("..", "."),
        force.code
    );
    let contacted = world.rng.below(mps.len() + 1);
    filled.fields = vec![
        ("force".into(), text(&force.name)),
        ("quarter".into(), text(q.to_string())),
        ("submitted_by".into(), text(format!("DI {officer}"))),
        ("contact_email".into(), text(email)),
        ("date_submitted".into(), Value::Date(submitted)),
        ("mps_in_area".into(), Value::Number(mps.len() as f64)),
        ("mps_contacted".into(), Value::Number(contacted as f64)),
        (
            "nil_return".into(),
            text(if incidents_n == 0 { "Yes" } else { "No" }),
        ),
    ];
    let mut engagement = Vec::new();
    for (i, mp) in mps.iter().enumerate() {
        let mut row = vec![
            ("mp_name".to_string(), text(&mp.name)),
            ("constituency".to_string(), text(&mp.constituency)),
        ];
        if i < contacted {
            let d = Date::from_days(q.start().days() + world.rng.below(80) as i64);
            row.push(("last_contact".into(), Value::Date(d)));
            row.push((
                "contact_by".into(),
                text(if world.rng.chance(0.5) {
                    "Chief Constable"
                } else {
                    "ACC, protective security lead"
                }),
            ));
        }
        for key in ["named_spoc", "security_advice", "ipsa_signposted"] {
            row.push((
                key.into(),
                text(if world.rng.chance(0.85) { "Yes" } else { "No" }),
            ));
        }
        engagement.push(row);
    }
    summary.engagement += engagement.len();
    let prefix: String = force
        .code
        .split('-')
        .map(|w| w.chars().next().unwrap_or('X').to_ascii_uppercase())
        .collect::<String>();
    let prefix = if prefix.len() < 2 {
        force.code[..3.min(force.code.len())].to_uppercase()
    } else {
        prefix
    };
    let list = |name: &str| def.list(name).map(|l| l.values.clone()).unwrap_or_default();
    let (victims, categories, channels, locations, statuses) = (
        list("Victim"),
        list("Category"),
        list("Channel"),
        list("Location"),
        list("Status"),
    );
    let mut incidents = Vec::new();
    for n in 0..incidents_n {
        let rng = &mut world.rng;
        let reported = Date::from_days(
            q.start().days() + rng.below((q.end().days() - q.start().days() + 1) as usize) as i64,
        );
        let reference = format!(
            "{prefix}/{:02}/{:06}",
            q.start_year % 100,
            (q.number as usize) * 100_000 + n + 1
        );
        // Most incidents concern the force's own MPs; some an MP from another force's area.
        let (mp_force, mp) = if rng.chance(0.05) {
            let other = rng.below(world.mps.len());
            (
                other,
                world.mps[other][rng.below(world.mps[other].len())].clone(),
            )
        } else {
            (fi, mps[rng.below(mps.len())].clone())
        };
        let mut row: Vec<(String, Value)> = vec![
            ("reference".into(), text(&reference)),
            ("date_reported".into(), Value::Date(reported)),
            ("mp_name".into(), text(&mp.name)),
            ("constituency".into(), text(&mp.constituency)),
            ("victim".into(), text(rng.pick(&victims))),
            ("category".into(), text(rng.pick(&categories))),
            ("channel".into(), text(rng.pick(&channels))),
        ];
        if rng.chance(0.9) {
            row.push((
                "date_of_offence".into(),
                Value::Date(Date::from_days(reported.days() - rng.below(20) as i64)),
            ));
        }
        if rng.chance(0.8) {
            row.push(("location".into(), text(rng.pick(&locations))));
        }
        row.push((
            "recorded_as_crime".into(),
            text(if rng.chance(0.9) { "Yes" } else { "No" }),
        ));
        row.push((
            "bridger_marker".into(),
            text(if rng.chance(0.88) { "Yes" } else { "No" }),
        ));
        row.push((
            "sexual_violence".into(),
            text(if rng.chance(0.06) { "Yes" } else { "No" }),
        ));
        let identified = rng.chance(0.55);
        row.push((
            "suspect_identified".into(),
            text(if identified { "Yes" } else { "No" }),
        ));
        let mut person = String::new();
        if identified {
            let id = world.suspect(opts.repeat_share, reported);
            let r = world.record(id);
            person = id.to_string();
            summary.suspects += 1;
            let has_any = r.surname.is_some()
                || r.dob.is_some()
                || r.postcode.is_some()
                || r.identifier.is_some();
            if let Some(v) = r.surname {
                row.push(("suspect_surname".into(), text(v)));
            }
            if let Some(v) = r.forename {
                row.push(("suspect_forenames".into(), text(v)));
            }
            if let Some(v) = r.dob {
                row.push(("suspect_dob".into(), Value::Date(v)));
            }
            if let Some(v) = r.postcode {
                row.push(("suspect_postcode".into(), text(v)));
            }
            if let Some(v) = r.identifier {
                row.push(("suspect_identifier".into(), text(v)));
            }
            debug_assert!(has_any);
            let rng = &mut world.rng;
            let mh = *rng.pick(&["Yes", "No", "No", "Unknown", "No"]);
            row.push(("mental_health".into(), text(mh)));
            row.push((
                "ftac_referred".into(),
                text(if mh == "Yes" && rng.chance(0.6) {
                    "Yes"
                } else {
                    "No"
                }),
            ));
            row.push((
                "status".into(),
                text(rng.pick(&statuses[..statuses.len() - 1])),
            ));
        } else {
            row.push(("status".into(), text("No suspect identified")));
        }
        let rng = &mut world.rng;
        row.push(("summary".into(), text(*rng.pick(SUMMARIES))));
        let _ = writeln!(
            world.truth,
            "{name},Incidents,{},{reference},{person},{}:{}",
            n + 5,
            def.forces[mp_force].code,
            mp.name
        );
        incidents.push(row);
    }
    if variant == Variant::FirstSubmission {
        incidents.truncate(incidents.len().saturating_sub(2).max(1));
    }
    if variant == Variant::ContentErrors {
        spoil(&mut incidents, &mut filled);
    }
    summary.incidents += incidents.len();
    filled.tables = vec![
        (def.engagement().sheet.clone(), engagement),
        (def.incidents().sheet.clone(), incidents),
    ];
    let altered;
    let def_used: &Definition = match variant {
        Variant::RenamedHeader => {
            altered = Definition::parse(
                &DEFINITION_TOML.replace("header = \"Channel\"", "header = \"Channel of contact\""),
                FORCES_CSV,
            )?;
            &altered
        }
        Variant::InsertedColumn => {
            altered = Definition::parse(
                &DEFINITION_TOML.replace(
                    "  { key = \"mp_name\", header = \"MP name\", kind = \"text\", required = true, width = 24 },",
                    "  { key = \"officer\", header = \"Officer in case\", kind = \"text\", width = 18 },\n  { key = \"mp_name\", header = \"MP name\", kind = \"text\", required = true, width = 24 },",
                ),
                FORCES_CSV,
            )?;
            for (_, rows) in &mut filled.tables {
                for row in rows.iter_mut() {
                    row.push(("officer".into(), text("PC 1234 Example")));
                }
            }
            &altered
        }
        _ => def,
    };
    let mut bytes = build_filled(def_used, &filled)?;
    if variant == Variant::Truncated {
        bytes.truncate(bytes.len() / 3);
    }
    crate::output::atomic::write_atomic(&path, &bytes)?;
    Ok(Some(path))
}

/// Puts a few typical mistakes into a return.
fn spoil(incidents: &mut [Vec<(String, Value)>], filled: &mut Filled) {
    let set = |row: &mut Vec<(String, Value)>, key: &str, value: Option<Value>| {
        row.retain(|(k, _)| k != key);
        if let Some(v) = value {
            row.push((key.to_string(), v));
        }
    };
    if let Some(row) = incidents.get_mut(0) {
        set(row, "category", Some(text("Assult")));
    }
    if let Some(row) = incidents.get_mut(1) {
        set(row, "date_reported", Some(text("05/13/2016")));
    }
    if let Some(row) = incidents.get_mut(2) {
        set(row, "victim", None);
    }
    filled.fields.retain(|(k, _)| k != "contact_email");
    filled
        .fields
        .push(("contact_email".into(), text("duty office")));
}

/// `n` suspect records as forces would record them, with the person each one is: for
/// measuring linkage at scale. The same seed gives the same records.
pub fn suspect_records(
    n: usize,
    seed: u64,
    repeat_share: f64,
) -> (Vec<crate::link::engine::Person>, Vec<String>) {
    let def = crate::definition::annex_c();
    let mut world = World::new(seed, &def.forces);
    let around = Date::new(2016, 6, 1).expect("a real date");
    let mut people = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    for _ in 0..n {
        let id = world.suspect(repeat_share, around);
        let r = world.record(id);
        people.push(crate::link::engine::Person {
            forename: r.forename,
            surname: r.surname,
            dob: r.dob,
            postcode: r.postcode,
            identifier: r.identifier,
            place: None,
        });
        truth.push(id.to_string());
    }
    (people, truth)
}
