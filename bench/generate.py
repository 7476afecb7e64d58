#!/usr/bin/env python3
"""Deterministic corpus generator for lintnews benchmarks.

Writes realistic news, review, deals, explainer and opinion drafts: Markdown with YAML or
TOML front matter (title, date, author, image, credit, ...) and some plain-text ``.txt``
drafts. Bodies have headings, datelines, attributed prose ("said", "says"), curly and
straight direct quotes, blockquotes, ordinary and affiliate links (Amazon ``tag=``,
amzn.to, ShareASale ``r.cfm``, Awin ``cread.php``, Impact ``/c/123456/654321/1234``),
images with and without credit lines, fenced and inline code, lists, sometimes a table,
statistics ("45%", "$2.3 billion", "3 in 5") with and without a source, and vague time
words ("recently").

Only the standard library is used. Every article is drawn from its own
``random.Random(f"{seed}:{index}")``, so the same seed gives byte-identical files, and a
corpus of 100 articles is the first 100 files of a corpus of 1,000 with the same seed.

    python bench/generate.py OUT_DIR --count 1000 --seed 1 [--words-min 300 --words-max 1500]
    python bench/generate.py OUT_DIR --count 1 --seed 7 --bytes 1000000   # one ~1 MB article
"""

from __future__ import annotations

import argparse
import datetime as _dt
import random
import sys
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------
FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Chen",
    "Olivia",
    "Rahul",
    "Sofia",
    "Daniel",
    "Fatima",
    "Lucas",
    "Hannah",
    "Kwame",
    "Elena",
    "Marcus",
    "Priya",
    "Tom",
    "Ines",
    "Yuki",
    "Grace",
    "Omar",
    "Claire",
    "Diego",
    "Nadia",
    "Samuel",
    "Leah",
    "Mateo",
    "Zainab",
    "Peter",
    "Amara",
    "Jonas",
]
LAST = [
    "Alvarez",
    "Okafor",
    "Nguyen",
    "Schmidt",
    "Patel",
    "Kowalski",
    "Haddad",
    "Johnson",
    "Rossi",
    "Tanaka",
    "Mensah",
    "Lindqvist",
    "O'Brien",
    "Fernandes",
    "Kim",
    "Dubois",
    "Novak",
    "Brennan",
    "Castillo",
    "Achterberg",
    "Whitfield",
    "Morales",
    "Sato",
    "Ibrahim",
    "Carver",
    "Delgado",
]
ROLES = [
    "chief executive",
    "chief financial officer",
    "spokesperson",
    "senior analyst",
    "professor of economics",
    "city council member",
    "product manager",
    "head of research",
    "director of policy",
    "founder",
    "lead engineer",
    "senior fellow",
    "chief technology officer",
    "union representative",
    "deputy mayor",
]
ORGS = [
    "Acme Corp.",
    "Northwind Analytics",
    "Brightline Energy",
    "the Federal Reserve",
    "Globex Inc.",
    "the city council",
    "Stanford University",
    "Helios Robotics",
    "the World Health Organization",
    "Contoso Ltd.",
    "Pinecrest Capital",
    "the Department of Transportation",
    "Umbrella Health",
    "Initech",
    "the European Commission",
    "Harborview Medical Center",
    "Vertex Mobile",
    "Lumen Labs",
]
CITIES = [
    "SAN FRANCISCO",
    "NEW YORK",
    "LONDON",
    "BERLIN",
    "TOKYO",
    "CHICAGO",
    "NAIROBI",
    "SYDNEY",
    "TORONTO",
    "AUSTIN, Texas",
    "SEATTLE",
    "BOSTON",
    "PARIS",
    "SINGAPORE",
    "DENVER",
]
OUTLETS = [
    ("Reuters", "https://www.reuters.com"),
    ("the Associated Press", "https://apnews.com"),
    ("Bloomberg", "https://www.bloomberg.com"),
    ("the BBC", "https://www.bbc.co.uk/news"),
    ("The Verge", "https://www.theverge.com"),
    ("Nature", "https://www.nature.com"),
    ("the Census Bureau", "https://www.census.gov"),
    ("Pew Research Center", "https://www.pewresearch.org"),
    ("the company's filing", "https://www.sec.gov/Archives/edgar/data"),
]
TOPICS = {
    "tech": {
        "things": [
            "the new chip",
            "the update",
            "the app",
            "the headset",
            "the software",
            "the platform",
            "the battery",
            "the model",
            "the feature",
            "the service",
        ],
        "group": ["users", "developers", "subscribers", "customers", "engineers", "early adopters"],
        "sector": "technology",
        "heads": [
            "What's new",
            "How it works",
            "Why it matters",
            "Privacy questions",
            "What developers think",
            "The competition",
            "Availability and pricing",
            "What comes next",
        ],
        "titles": [
            "{Org} unveils {thing} with faster performance",
            "Inside {Org}'s plan to rebuild its {thing}",
            "{Org} delays {thing} after testing problems",
            "Developers push back on {Org}'s {thing}",
        ],
    },
    "business": {
        "things": [
            "the merger",
            "the quarterly report",
            "the layoffs",
            "the acquisition",
            "the price increase",
            "the new factory",
            "the earnings forecast",
            "the bond sale",
            "the restructuring",
        ],
        "group": [
            "investors",
            "shareholders",
            "employees",
            "analysts",
            "suppliers",
            "small businesses",
        ],
        "sector": "retail",
        "heads": [
            "The numbers",
            "Investor reaction",
            "What analysts say",
            "A difficult year",
            "The outlook",
            "Jobs at stake",
            "Regulators weigh in",
        ],
        "titles": [
            "{Org} shares slide after {thing}",
            "{Org} confirms {thing} amid slowing demand",
            "What {thing} means for {Org}",
            "{Org} bets big on {thing}",
        ],
    },
    "science": {
        "things": [
            "the study",
            "the trial",
            "the vaccine",
            "the telescope",
            "the survey",
            "the experiment",
            "the dataset",
            "the new treatment",
        ],
        "group": ["patients", "researchers", "participants", "doctors", "volunteers", "scientists"],
        "sector": "health",
        "heads": [
            "What the researchers found",
            "How the study worked",
            "Limitations",
            "What experts say",
            "Next steps",
            "Background",
        ],
        "titles": [
            "{Org} researchers report results from {thing}",
            "New findings from {thing} surprise experts",
            "Scientists question {thing}",
            "{Thing} could change how doctors treat patients",
        ],
    },
    "city": {
        "things": [
            "the budget",
            "the transit plan",
            "the housing proposal",
            "the new bike lanes",
            "the school closures",
            "the zoning change",
            "the water project",
            "the ballot measure",
        ],
        "group": ["residents", "commuters", "parents", "tenants", "voters", "business owners"],
        "sector": "housing",
        "heads": [
            "The vote",
            "What residents say",
            "The cost",
            "Opposition",
            "What happens next",
            "Background",
        ],
        "titles": [
            "Council approves {thing} after long debate",
            "Residents split over {thing}",
            "{Thing} faces a new legal challenge",
            "Mayor defends {thing}",
        ],
    },
}
REVIEW_PRODUCTS = [
    ("Nimbus Air 3 earbuds", "earbuds", 179),
    ("Vantage X2 laptop", "laptop", 1299),
    ("Pulse Go fitness tracker", "tracker", 99),
    ("Orbit Pro robot vacuum", "vacuum", 449),
    ("Lumen 4K monitor", "monitor", 379),
    ("Ember smart mug", "mug", 129),
    ("Strata standing desk", "desk", 549),
    ("Aero 2 e-bike", "e-bike", 1899),
    ("Quill e-reader", "e-reader", 139),
    ("Atlas mesh Wi-Fi kit", "router", 299),
]
RETAILERS = [
    "Amazon",
    "Best Buy",
    "Walmart",
    "Target",
    "B&H Photo",
    "the manufacturer's site",
    "REI",
]
VAGUE = [
    "recently",
    "lately",
    "in recent weeks",
    "earlier this month",
    "last week",
    "yesterday",
    "this week",
    "a while ago",
    "on Monday",
    "on Thursday",
    "on March 4",
    "in 2023",
]
VAGUE_FUTURE = [
    "soon",
    "in the near future",
    "later this year",
    "next week",
    "in the coming weeks",
    "by June",
    "before the end of the year",
]
ADJ = [
    "significant",
    "modest",
    "sharp",
    "steady",
    "unexpected",
    "long-awaited",
    "controversial",
    "major",
    "careful",
    "ambitious",
    "limited",
    "broad",
]
VERB_PAST = [
    "announced",
    "confirmed",
    "unveiled",
    "rejected",
    "approved",
    "delayed",
    "expanded",
    "cut",
    "launched",
    "criticized",
    "defended",
    "reviewed",
]
SAID = [
    "said",
    "said",
    "said",
    "says",
    "says",
    "told reporters",
    "wrote in a blog post",
    "said in a statement",
    "added",
    "noted",
    "explained",
    "argued",
]
QUOTES = [
    "We think this is the right decision for our {group}",
    "Nobody expected the numbers to move this quickly",
    "It's not a perfect solution, but it's a start",
    "We have been working on this for almost three years",
    "The risk is that {group} simply stop paying attention",
    "I don't think anyone in the room was surprised",
    "This is going to take time, and we're being honest about that",
    "Frankly, the data speaks for itself",
    "We listened to {group} and changed the plan",
    "There are still a lot of open questions about {thing}",
    "Our job is to get this right, not to get it first",
    "It is the biggest change to {thing} in a decade",
]
FILLER = [
    "The decision follows months of negotiations and several public hearings.",
    "Details about the timeline were not immediately available.",
    "The move is part of a broader effort to cut costs and simplify the lineup.",
    "Critics argue the plan does little to address the underlying problem.",
    "Supporters, however, see it as a long overdue correction.",
    "The change takes effect at the start of the next fiscal year.",
    "Several people familiar with the matter described the talks as tense.",
    "It was not clear how many people would be affected.",
    "A request for comment was not returned by publication time.",
    "The figures have not been independently verified.",
    "That marks a reversal from the position it took last spring.",
    "The proposal still needs approval from regulators in two countries.",
    "Some experts cautioned against reading too much into a single quarter.",
    "The company declined to say how much the project would cost.",
    "Others pointed to the weather, supply problems and rising interest rates.",
    "For now, most of the day-to-day work continues as before.",
]
TECH_COMMANDS = [
    "`pip install --upgrade example-cli`",
    "`npm run build`",
    "`git pull --rebase`",
    "`brew upgrade`",
    "`docker compose up -d`",
    "`example-cli --verbose`",
]
TECH_FILES = [
    "`config.yaml`",
    "`settings.json`",
    "`~/.examplerc`",
    "`README.md`",
    "`/etc/example/example.conf`",
]
CODE_BLOCKS = [
    (
        "python",
        'import requests\n\nresp = requests.get("https://api.example.com/v2/items", timeout=10)\n'
        'resp.raise_for_status()\nfor item in resp.json()["items"]:\n    print(item["id"], item["name"])\n',
    ),
    (
        "bash",
        "curl -sSL https://example.com/install.sh | sh\nexport API_TOKEN=changeme\n"
        'example-cli login --token "$API_TOKEN"\n',
    ),
    (
        "json",
        '{\n  "name": "demo",\n  "version": "1.4.2",\n  "private": true,\n  "scripts": {"test": "jest"}\n}\n',
    ),
    ("yaml", 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n'),
    ("", "$ example-cli status\nAll systems operational (latency 42 ms)\n"),
]
CREDITS = [
    "Getty Images",
    "Reuters",
    "AP Photo",
    "the company",
    "Unsplash",
    "Shutterstock",
    "NASA",
    "staff photo",
]
DISCLOSURES = [
    "*We may earn a commission when you buy through links on this page.*",
    "_Disclosure: This post contains affiliate links. As an Amazon Associate we earn from qualifying purchases._",
    "**Our reviews are independent.** When you buy through our links, we may earn an affiliate commission.",
]
OPINION_LINES = [
    "I have covered this industry for a long time, and I have rarely seen a week like this one.",
    "It would be easy to dismiss the whole thing as hype.",
    "The truth is messier than either side admits.",
    "Everyone agrees the current system is broken; nobody agrees on the fix.",
    "That is the part of the story that deserves more attention.",
]


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------
class Article:
    """Accumulates body blocks and counts words as it goes."""

    def __init__(self, rng: random.Random, kind: str, topic: str, words: int, plain: bool) -> None:
        self.rng = rng
        self.kind = kind
        self.topic = topic
        self.t = TOPICS[topic]
        self.target = words
        self.plain = plain
        self.blocks: list[str] = []
        self.words = 0
        self.people = [self.person() for _ in range(rng.randint(2, 4))]
        self.org = rng.choice(ORGS)
        self.product = rng.choice(REVIEW_PRODUCTS)
        self.used_link = 0

    # -- pieces -------------------------------------------------------------------------------
    def person(self) -> tuple[str, str, str, str]:
        r = self.rng
        first, last = r.choice(FIRST), r.choice(LAST)
        return first, last, r.choice(ROLES), r.choice(ORGS)

    def add(self, block: str) -> None:
        self.blocks.append(block)
        self.words += len(block.split())

    def fill(self, text: str) -> str:
        r = self.rng
        thing = r.choice(self.t["things"])
        return (
            text.replace("{group}", r.choice(self.t["group"]))
            .replace("{thing}", thing)
            .replace("{Thing}", thing[0].upper() + thing[1:])
            .replace("{Org}", self.org.removeprefix("the ").rstrip("."))
        )

    def quote_marks(self) -> tuple[str, str]:
        return ("\u201c", "\u201d") if self.rng.random() < 0.55 else ('"', '"')

    def share(self, group: str) -> str:
        """A proportion of a group: "about 45% of users", "3 in 5 users", "nearly half of users"."""
        r = self.rng
        choice = r.randrange(5)
        about = r.choice(["", "", "about ", "roughly ", "almost "])
        if choice <= 1:
            return f"{about}{r.randint(3, 97)}% of {group}"
        if choice == 2:
            return f"{r.randint(2, 4)} in {r.choice([5, 10])} {group}"
        if choice == 3:
            return f"{about}{r.randint(2, 40)}.{r.randint(0, 9)} percent of {group}"
        return f"{r.choice(['nearly half', 'about a third', 'two-thirds', 'roughly a quarter', 'three-quarters'])} of {group}"

    def money(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            return f"${r.randint(1, 9)}.{r.randint(1, 9)} billion"
        return f"${r.randint(120, 980)} million"

    def count(self) -> str:
        r = self.rng
        if r.random() < 0.6:
            return f"{r.randint(12, 480)} million {r.choice(self.t['group'])}"
        return f"{r.randint(1, 9)},{r.randint(100, 999)} {r.choice(self.t['group'])}"

    def statistic(self) -> str:
        return self.rng.choice(
            [lambda: self.share(self.rng.choice(self.t["group"])), self.money, self.count]
        )()

    def link(self, text: str, url: str) -> str:
        if self.plain:
            return f"{text} ({url})"
        return f"[{text}]({url})"

    def source_link(self) -> str:
        name, base = self.rng.choice(OUTLETS)
        slug = "-".join(
            self.rng.sample(
                [
                    "report",
                    "data",
                    "survey",
                    "market",
                    "2024",
                    "policy",
                    "update",
                    "analysis",
                    "results",
                    "q3",
                ],
                3,
            )
        )
        return self.link(name, f"{base}/{slug}-{self.rng.randint(1000, 99999)}")

    def affiliate_url(self) -> str:
        r = self.rng
        asin = "B0" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8))
        kind = r.randrange(6)
        if kind == 0:
            return f"https://www.amazon.com/dp/{asin}?tag={r.choice(['deals', 'gadgetdesk', 'techrev', 'x'])}-20"
        if kind == 1:
            return "https://amzn.to/" + "".join(
                r.choice("abcdefghijkmnpqrstuvwxyzABCDEFGH23456789") for _ in range(7)
            )
        if kind == 2:
            return (
                f"https://www.shareasale.com/r.cfm?b={r.randint(100000, 999999)}&u={r.randint(1000000, 3999999)}"
                f"&m={r.randint(10000, 99999)}&urllink=&afftrack="
            )
        if kind == 3:
            return (
                f"https://www.awin1.com/cread.php?awinmid={r.randint(1000, 29999)}&awinaffid={r.randint(100000, 999999)}"
                f"&ued=https%3A%2F%2Fwww.example-shop.com%2Fp%2F{r.randint(1000, 9999)}"
            )
        if kind == 4:
            host = r.choice(
                ["bestbuy.7tiv.net", "goto.walmart.com", "target.sjv.io", "rei.evyy.net"]
            )
            return f"https://{host}/c/{r.randint(100000, 999999)}/{r.randint(100000, 999999)}/{r.randint(1000, 99999)}"
        return f"https://www.amazon.com/gp/product/{asin}/?tag=gadgetdesk-20&linkCode=ll1"

    def image(self, credited: bool | None = None) -> str:
        r = self.rng
        name = "-".join(
            r.sample(
                [
                    "office",
                    "launch",
                    "crowd",
                    "device",
                    "street",
                    "lab",
                    "chart",
                    "stage",
                    "factory",
                    "screen",
                    "hall",
                    "portrait",
                ],
                2,
            )
        )
        url = f"https://cdn.example-news.com/images/{r.randint(2019, 2025)}/{r.randint(1, 12):02d}/{name}-{r.randint(100, 999)}.jpg"
        alt = r.choice(
            [
                "",
                f"A view of {r.choice(self.t['things'])}",
                f"{self.people[0][0]} {self.people[0][1]} on stage",
                "Workers on a production line",
                "A chart showing the trend since 2019",
            ]
        )
        if credited is None:
            credited = r.random() < 0.6
        if self.plain:
            line = f"[Image: {alt or 'photo'} {url}]"
            if credited:
                line += f"\nPhoto: {r.choice(CREDITS)}"
            return line
        if r.random() < 0.15:  # raw HTML figure
            cap = (
                f"<figcaption>{alt or 'Photo'}. Credit: {r.choice(CREDITS)}</figcaption>"
                if credited
                else ""
            )
            return f'<figure>\n  <img src="{url}" alt="{alt}">\n  {cap}\n</figure>'.replace(
                "\n  \n", "\n"
            )
        block = (
            f"![{alt}]({url}{' ' + chr(34) + alt + chr(34) if alt and r.random() < 0.3 else ''})"
        )
        if credited:
            style = r.randrange(3)
            who = r.choice(CREDITS)
            block += [
                "\n*Photo: " + who + "*",
                "\n_(Image credit: " + who + ")_",
                "\n\nCredit: " + who,
            ][style]
        return block

    # -- sentences ----------------------------------------------------------------------------
    def sentence(self) -> str:
        r = self.rng
        first, last, role, org = r.choice(self.people)
        thing = r.choice(self.t["things"])
        group = r.choice(self.t["group"])
        Org = self.org[0].upper() + self.org[1:]
        when = r.choice(VAGUE)
        later = r.choice(VAGUE_FUTURE)
        kind = r.randrange(26)
        if kind == 0:
            adj = r.choice(ADJ)
            return f"{Org} {r.choice(VERB_PAST)} {thing} {when}, {'an' if adj[0] in 'aeiou' else 'a'} {adj} shift for the {self.t['sector']} sector."
        if kind == 1:
            return f"{self.share(group).capitalize()} said they had noticed a change, according to {self.source_link()}."
        if kind == 2:
            return f"Revenue rose to {self.money()} over the period, up {r.randint(2, 30)}% from a year earlier."
        if kind == 3:
            return f"{last} {r.choice(['said', 'says'])} {thing} would reach {group} in {r.choice(['spring', 'the fall', 'March', 'early 2026', 'the coming months'])}."
        if kind == 4:
            return f"{first} {last}, {role} at {org}, {r.choice(['said', 'says'])} the company had {r.choice(['underestimated', 'misjudged', 'anticipated'])} demand."
        if kind == 5:
            return f"Experts say {thing} could affect {self.count()}."
        if kind in (6, 7, 8):
            return r.choice(FILLER)
        if kind == 9:
            return f"The {r.choice(ADJ)} change affects how {group} use {thing}, and it is likely to be debated for months."
        if kind == 10:
            return f"In a {r.choice(['statement', 'call with analysts', 'memo to staff', 'post on its website'])}, {self.org} said it {r.choice(['expects', 'does not expect', 'plans'])} to revisit {thing} {later}."
        if kind == 11:
            return f"Many believe {thing} is {r.choice(['overdue', 'too expensive', 'a distraction', 'a turning point'])}, though the evidence is mixed."
        if kind == 12:
            return f"Dr. {last} of {org} compared the results with data from the U.S. and the U.K., where {self.share(group)} reported similar trends."
        if kind == 13:
            return f"Officials have {r.choice(VERB_PAST)} similar plans before, most recently in {r.randint(2015, 2024)}, when {thing} cost about ${r.randint(2, 90)}.{r.randint(1, 9)} million."
        if kind == 14:
            if self.topic != "tech":
                return f"A final decision is expected {later}, {r.choice(['officials said', 'according to the agenda', 'the company said'])}."
            return f"To try it, run {r.choice(TECH_COMMANDS)} and then edit {r.choice(TECH_FILES)} to turn on the new options."
        if kind == 15:
            return f"{first} {last} has spent {r.choice(['two', 'five', 'nearly ten', 'more than 20'])} years at {org} and previously worked on {thing}."
        if kind == 16:
            return f"The {r.choice(['plan', 'proposal', 'change', 'rollout'])} drew {r.choice(['praise', 'criticism', 'mixed reviews', 'little attention'])} from {group} when it was first described {when}."
        if kind == 17:
            return f"{r.choice(['Still', 'Even so', 'At the same time', 'Meanwhile'])}, {group} in {r.choice(['rural areas', 'smaller cities', 'Europe', 'Asia', 'the Midwest'])} have seen {r.choice(['fewer', 'slower', 'smaller', 'more uneven'])} gains."
        if kind == 18:
            return f"{self.count().capitalize()} {r.choice(['signed up', 'were affected', 'used it'])} in the first {r.choice(['week', 'month', 'quarter'])}, the company says."
        if kind == 19:
            return f"Roughly {self.rng.randint(3, 60)}% of the budget goes to {thing}, a figure that has barely changed since {r.randint(2010, 2020)}."
        if kind == 20:
            return f"{last}, who {r.choice(['joined', 'left', 'advised'])} {org} in {r.randint(2012, 2024)}, did not respond to a request for comment."
        if kind == 21:
            return f"The {r.choice(['report', 'filing', 'memo', 'study'])} does not say how {thing} will be paid for."
        if kind == 22:
            return f"By most accounts, {thing} has been {r.choice(['a success', 'a disappointment', 'slower than planned', 'more popular than expected'])} so far."
        if kind == 23:
            return f"It is the {r.choice(['second', 'third', 'first'])} time this year that {self.org} has {r.choice(VERB_PAST)} {thing}."
        return f"It remains unclear whether {thing} will satisfy {group}, who have {r.choice(['complained', 'waited', 'asked'])} for years."

    def quote_paragraph(self) -> str:
        r = self.rng
        first, last, role, org = r.choice(self.people)
        o, c = self.quote_marks()
        q = self.fill(r.choice(QUOTES))
        verb = r.choice(SAID)
        style = r.randrange(5)
        if style == 0:
            if verb in ("said", "says", "added", "noted", "explained", "argued"):
                return f"{o}{q},{c} {verb} {first} {last}, {role} at {org}."
            return f"{o}{q},{c} {first} {last}, {role} at {org}, {verb}."
        if style == 1:
            return f"{o}{q},{c} {last} {verb}. {o}{self.fill(r.choice(QUOTES))}.{c}"
        if style == 2:
            return f"{first} {last}, {role} at {org}, {verb}: {o}{q}.{c}"
        if style == 3:
            return f"{o}{q}.{c}"  # an unattributed quote
        return f"{o}{q},{c} {r.choice(['a spokesperson', 'one official', 'a person familiar with the plans', 'an analyst'])} {verb}, {r.choice(['declining to be named', 'adding that talks were ongoing', 'without giving details'])}."

    def paragraph(self) -> str:
        r = self.rng
        sentences = [self.sentence() for _ in range(r.randint(2, 6))]
        if r.random() < 0.25 and not self.plain:
            i = r.randrange(len(sentences))
            sentences[i] = sentences[i].rstrip(".") + f", as {self.source_link()} reported."
        if r.random() < 0.2 and self.kind in ("review", "deals"):
            sentences.append(self.deal_sentence())
        return " ".join(sentences)

    def deal_sentence(self) -> str:
        r = self.rng
        name, _, price = self.product
        retailer = r.choice(RETAILERS)
        self.used_link += 1
        url = self.affiliate_url()
        if self.plain:
            return (
                f"The {name} is ${price - r.randint(0, price // 4)} at {retailer} right now: {url}"
            )
        style = r.randrange(4)
        if style == 0:
            return f"The {name} is ${price - r.randint(0, price // 4)} at [{retailer}]({url}) right now."
        if style == 1:
            return f"You can [buy the {name} here]({url})."
        if style == 2:
            return f"It's currently on sale for ${price - r.randint(5, price // 3)} ([see price at {retailer}]({url}))."
        return f"Use code SAVE{r.choice([10, 15, 20])} at checkout for an extra discount: <{url}>"

    def bullet_list(self) -> str:
        r = self.rng
        n = r.randint(3, 6)
        numbered = r.random() < 0.35
        items = []
        for i in range(n):
            text = r.choice(
                [
                    f"{r.choice(self.t['things']).capitalize()} {r.choice(['costs more', 'ships later', 'is optional', 'needs approval', 'was redesigned'])}",
                    f"{self.share(r.choice(self.t['group'])).capitalize()} {r.choice(['were affected', 'signed up', 'opted out'])}",
                    f"{r.choice(FIRST)} {r.choice(LAST)} {r.choice(['leads', 'oversees', 'reviews'])} the work",
                    r.choice(FILLER).rstrip("."),
                    f"See {self.source_link()} for the full data",
                ]
            )
            if self.plain:
                items.append(f"{i + 1}. {text}" if numbered else f"- {text}")
            else:
                items.append(f"{i + 1}. {text}" if numbered else f"{r.choice('-*')} {text}")
        return "\n".join(items)

    def table(self) -> str:
        r = self.rng
        if self.kind in ("review", "deals"):
            rows = [
                ("Price", f"${self.product[2]}"),
                ("Weight", f"{r.randint(40, 2200)} g"),
                ("Battery life", f"{r.randint(6, 40)} hours"),
                ("Warranty", f"{r.choice([1, 2, 3])} years"),
                ("Rating", f"{r.randint(6, 9)}/10"),
            ]
            head = "| Spec | Value |\n|---|---|"
        else:
            rows = [(str(y), f"{r.randint(3, 70)}%") for y in range(2019, 2019 + r.randint(3, 6))]
            head = "| Year | Share |\n|-----:|------:|"
        return head + "\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)

    def code_block(self) -> str:
        lang, body = self.rng.choice(CODE_BLOCKS)
        fence = self.rng.choice(["```", "~~~"])
        return f"{fence}{lang}\n{body}{fence}"

    def blockquote(self) -> str:
        r = self.rng
        o, c = self.quote_marks()
        lines = [self.fill(r.choice(QUOTES)) + ".", self.fill(r.choice(QUOTES)) + "."]
        text = "\n> ".join(lines[: r.randint(1, 2)])
        if r.random() < 0.4:
            text = f"{o}{text}{c}"
        if r.random() < 0.6:
            first, last, role, org = r.choice(self.people)
            text += f"\n>\n> \u2014 {first} {last}, {role} at {org}"
        return "> " + text


# ---------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------
def _title(a: Article) -> str:
    r = a.rng
    if a.kind == "review":
        return r.choice(["{p} review: {v}", "The {p} is {v}", "Hands on with the {p}"]).format(
            p=a.product[0],
            v=r.choice(
                ["better than it should be", "almost great", "a solid upgrade", "not worth it yet"]
            ),
        )
    if a.kind == "deals":
        return r.choice(
            ["The {p} just dropped to ${d}", "Best {c} deals this week", "Deal alert: {p} for ${d}"]
        ).format(p=a.product[0], c=a.product[1], d=a.product[2] - r.randint(10, a.product[2] // 3))
    if a.kind == "opinion":
        return a.fill(
            r.choice(
                [
                    "Opinion: {Thing} is not the answer",
                    "Why {thing} deserves a second look",
                    "The real problem with {thing}",
                ]
            )
        )
    return a.fill(r.choice(a.t["titles"]))


def _front_matter(a: Article, title: str, index: int, style: str) -> str:
    r = a.rng
    date = _dt.date(2021, 1, 1) + _dt.timedelta(days=r.randint(0, 1460))
    hour, minute = r.randint(6, 21), r.choice([0, 15, 30, 45])
    first, last, _, _ = a.person()
    author = f"{first} {last}"
    image = f"/images/{date:%Y/%m}/lead-{index:05d}.jpg"
    credit = r.choice(CREDITS) if r.random() < 0.75 else None
    tags = r.sample(
        ["news", a.topic, a.kind, "analysis", "featured", "local", "world", "gear"], r.randint(1, 3)
    )
    desc = a.fill(
        r.choice(
            [
                "A closer look at {thing}.",
                "What {group} need to know about {thing}.",
                "{Thing}, explained.",
            ]
        )
    )
    if style == "yaml":
        lines = [
            "---",
            f'title: "{title.replace(chr(34), chr(39))}"',
            f"date: {date.isoformat()}T{hour:02d}:{minute:02d}:00Z"
            if r.random() < 0.7
            else f"date: {date.isoformat()}",
            f"author: {author}",
            f"image: {image}",
        ]
        if credit:
            lines.append(f"credit: {credit}")
        lines += [f"description: {desc}", "tags: [" + ", ".join(tags) + "]"]
        if r.random() < 0.2:
            lines.append("draft: true")
        if a.kind == "deals" and r.random() < 0.3:
            lines.append("sponsored: false")
        lines.append("---")
    else:
        lines = [
            "+++",
            f'title = "{title.replace(chr(34), chr(39))}"',
            f"date = {date.isoformat()}T{hour:02d}:{minute:02d}:00Z",
            f'author = "{author}"',
            f'image = "{image}"',
        ]
        if credit:
            lines.append(f'credit = "{credit}"')
        lines += [f'description = "{desc}"', "tags = [" + ", ".join(f'"{t}"' for t in tags) + "]"]
        if r.random() < 0.2:
            lines.append("draft = true")
        lines.append("+++")
    return "\n".join(lines) + "\n"


def _body(a: Article, title: str) -> None:
    r = a.rng
    if a.plain:
        a.add(title)
    if a.kind in ("review", "deals") and r.random() < 0.55:
        a.add(r.choice(DISCLOSURES) if not a.plain else r.choice(DISCLOSURES).strip("*_"))
    lead = a.paragraph()
    if a.kind == "news" and r.random() < 0.5:
        lead = f"{r.choice(CITIES)} \u2014 {lead}"
    if a.kind == "opinion":
        lead = f"{r.choice(OPINION_LINES)} {lead}"
    a.add(lead)
    if not a.plain and r.random() < 0.5:
        a.add(a.image())
    heads = list(a.t["heads"])
    if a.kind == "review":
        heads = [
            "Design",
            "Performance",
            "Battery life",
            "Software",
            "Should you buy it?",
            "Price and availability",
            "The competition",
            "Verdict",
        ]
    r.shuffle(heads)
    has_table = r.random() < (0.6 if a.kind == "review" else 0.2)
    has_code = a.topic == "tech" and r.random() < 0.55
    section = 0
    while a.words < a.target:
        if section and r.random() < 0.8:
            head = heads[section % len(heads)]
            if section >= len(heads):
                head = f"{head} ({section // len(heads) + 1})"
            if a.plain:
                a.add(head.upper() if r.random() < 0.5 else head)
            else:
                a.add(("## " if r.random() < 0.85 else "### ") + head)
        section += 1
        for _ in range(r.randint(2, 4)):
            roll = r.random()
            if roll < 0.50:
                a.add(a.paragraph())
            elif roll < 0.70:
                a.add(a.quote_paragraph())
            elif roll < 0.76:
                a.add(a.bullet_list())
            elif roll < 0.81 and not a.plain:
                a.add(a.blockquote())
            elif roll < 0.86:
                a.add(a.image() if not a.plain or r.random() < 0.3 else a.paragraph())
            elif roll < 0.90 and has_table and not a.plain:
                a.add(a.table())
                has_table = False
            elif roll < 0.94 and has_code and not a.plain:
                a.add(a.code_block())
            elif a.kind in ("review", "deals"):
                a.add(a.deal_sentence() + " " + a.paragraph())
            else:
                a.add(a.paragraph())
            if a.words >= a.target:
                break
    if a.kind in ("review", "deals") and a.used_link == 0 and r.random() < 0.8:
        a.add(a.deal_sentence())
    if r.random() < 0.3 and not a.plain:
        a.add(
            f"*{a.fill(r.choice(['Updated to add comment from {Org}.', 'This story has been updated.', 'Additional reporting by ' + r.choice(FIRST) + ' ' + r.choice(LAST) + '.']))}*"
        )


KINDS = [("news", 40), ("review", 18), ("deals", 10), ("explainer", 17), ("opinion", 15)]


def article(
    seed: int | str,
    index: int,
    words_min: int = 300,
    words_max: int = 1500,
    plain: bool | None = None,
) -> tuple[str, str]:
    """One article: (file name, text). Deterministic in (seed, index, words_min, words_max)."""
    r = random.Random(f"lintnews-bench:{seed}:{index}")
    kind = r.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    topic = "tech" if kind in ("review", "deals") else r.choice(sorted(TOPICS))
    if plain is None:
        plain = r.random() < 0.1
    # Sizes: mostly 500-1,000 words, with a long tail either side, clamped to the range.
    words = int(r.triangular(words_min, words_max, words_min + (words_max - words_min) * 0.3))
    a = Article(r, kind, topic, max(1, words), plain)
    title = _title(a)
    _body(a, title)
    slug = "-".join(
        "".join(ch for ch in w.lower() if ch.isalnum()) for w in title.split()[:6]
    ).strip("-")
    slug = "-".join(part for part in slug.split("-") if part) or "draft"
    if plain:
        return f"{index:05d}-{slug}.txt", "\n\n".join(a.blocks) + "\n"
    style = "yaml" if r.random() < 0.72 else "toml" if r.random() < 0.8 else "none"
    head = _front_matter(a, title, index, style) + "\n" if style != "none" else f"# {title}\n\n"
    return f"{index:05d}-{slug}.md", head + "\n\n".join(a.blocks) + "\n"


def sized_article(seed: int | str, target_bytes: int) -> str:
    """One long Markdown article of about ``target_bytes`` bytes (for time-vs-size runs)."""
    _, head = article(seed, 0, 600, 600, plain=False)
    parts = [head]
    size = len(head.encode("utf-8"))
    index = 1
    while size < target_bytes:
        _, text = article(seed, index, 800, 1500, plain=False)
        # Drop the piece's own front matter; keep its body as more sections of the same article.
        body = text
        for fence in ("---\n", "+++\n"):
            if text.startswith(fence):
                body = text[text.index(fence, len(fence)) + len(fence) :]
                break
        body = body.replace("\n# ", "\n## ")
        if body.startswith("# "):
            body = "#" + body
        chunk = "\n" + body
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
        index += 1
    return "".join(parts)


def generate(
    out_dir: str | Path,
    count: int,
    seed: int | str = 1,
    words_min: int = 300,
    words_max: int = 1500,
) -> list[Path]:
    """Write ``count`` articles into ``out_dir``; return their paths in order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        name, text = article(seed, index, words_min, words_max)
        path = out / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out_dir", help="folder to write into (created if missing)")
    parser.add_argument("--count", type=int, default=100, help="number of articles (default 100)")
    parser.add_argument(
        "--seed", default="1", help="corpus seed (default 1); same seed, same bytes"
    )
    parser.add_argument(
        "--words-min", type=int, default=300, help="smallest article, in words (default 300)"
    )
    parser.add_argument(
        "--words-max", type=int, default=1500, help="largest article, in words (default 1500)"
    )
    parser.add_argument(
        "--bytes",
        type=int,
        default=None,
        help="instead: write one article of about this many bytes (article-SIZE.md)",
    )
    args = parser.parse_args(argv)
    if args.words_min < 1 or args.words_max < args.words_min:
        parser.error("need 1 <= --words-min <= --words-max")
    if args.count < 0:
        parser.error("--count must be >= 0")
    if args.bytes is not None:
        out = Path(args.out_dir)
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"article-{args.bytes}.md"
        path.write_bytes(sized_article(args.seed, args.bytes).encode("utf-8"))
        print(path)
        return 0
    paths = generate(args.out_dir, args.count, args.seed, args.words_min, args.words_max)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({total / 1e6:.2f} MB) to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
