"""assign_roles in two passes gives what the rules written one generator at a time give (ties,
order, first-found, alleged targets, branches); the helpers of the faster actor stage answer as
the plain forms do."""
from __future__ import annotations

import random
from collections import Counter

from pipeline.extract import actors
from pipeline.extract.actors import ARMED, ActorMention, Roles


def _most_named_plain(mentions):
    counts = Counter(m.name for m in mentions)
    best = max(counts.values())
    return next(m.name for m in mentions if counts[m.name] == best)


def _assign_roles_plain(mentions, air=True):
    """The rules as they were written before (one pass per rule)."""
    net = {}
    for m in mentions:
        if m.kind in ARMED or m.kind == "group":
            net[m.name] = net.get(m.name, 0) + (-1 if m.targeted else (1 if m.claimed or m.announced else 0))
    actor1 = next((m.name for m in mentions if m.claimed and not m.targeted and m.kind != "civilians"
                   and net.get(m.name, 0) > 0), None)
    if actor1 is None:
        actor1 = next((m.name for m in mentions if m.announced and not m.targeted and m.kind != "civilians"
                       and net.get(m.name, 0) > 0), None)
    if actor1 is None and not air:
        if not any(m.kind in ARMED and not m.assoc and not m.targeted for m in mentions):
            actor1 = next((m.name for m in mentions if m.kind == "group" and not m.targeted), None)
    if actor1 is None:
        doers = [m for m in mentions if m.kind in ARMED and not m.assoc and not m.targeted and net.get(m.name, 0) >= 0]
        if doers:
            actor1 = _most_named_plain(doers)
    assoc = next((m.name for m in mentions if m.assoc and m.kind in ARMED and m.name != actor1), None)
    target = None
    civilians = any(m.kind == "civilians" for m in mentions)
    if civilians:
        alleged = {m.name for m in mentions if m.alleged} - {m.name for m in mentions if m.targeted and not m.alleged}
        mentions = [m for m in mentions if m.name not in alleged]
    targeted = [m for m in mentions if m.targeted and m.kind in (*ARMED, "group") and m.name not in (actor1, assoc)]
    if targeted:
        target = _most_named_plain(targeted)
    groups = [m for m in mentions if m.kind == "group" and m.name != actor1]
    if target is None and groups:
        target = _most_named_plain(groups)
    if target is not None and any(m.kind == "group" and m.name == target for m in mentions):
        named = {m.name for m in groups}
        target = next((child for child in actors._children().get(target, ()) if child in named), target)
    if target is None:
        others = [m for m in mentions if m.kind in ARMED and m.name not in (actor1, assoc)]
        jihadist_attack = actor1 is not None and any(m.kind == "group" and m.name == actor1 for m in mentions)
        if civilians and (jihadist_attack or not others):
            target = "Civilians"
        elif others and actor1 is not None:
            target = others[0].name
    return Roles(actor1, assoc, target)


def test_assign_roles_equals_the_plain_rules():
    children = actors._children()
    parent = next(iter(children))
    names = [("A", "state"), ("B", "force"), ("C", "militia"), ("G", "group"), ("H", "group"),
             (parent, "group"), (children[parent][0], "group"), ("Civilians", "civilians")]
    rng = random.Random(7)
    for _ in range(20000):
        mentions = []
        for i in range(rng.randint(0, 7)):
            name, kind = rng.choice(names)
            flags = [rng.random() < 0.3 for _ in range(5)]
            mentions.append(ActorMention(i, i + 1, name, kind, *flags))
        air = rng.random() < 0.5
        assert actors.assign_roles(mentions, air=air) == _assign_roles_plain(mentions, air=air), (mentions, air)


def test_merged_equals_sorted():
    rng = random.Random(5)
    for _ in range(3000):
        found = sorted((s, s + rng.randint(1, 4), rng.choice("ab"), "k") for s in rng.sample(range(60), rng.randint(0, 8)))
        taken = {f[0] for f in found}
        free = [s for s in range(60) if s not in taken]
        extra = sorted((s, s + 3, rng.choice("ab"), "k") for s in rng.sample(free, rng.randint(1, min(4, len(free)))))
        assert actors._merged(found, extra) == sorted(found + extra)


def test_words_of_the_other_script_are_not_in_the_text():
    """The words _in_scripts leaves out never occur in a text _scripts describes so."""
    lists = (actors._ACCUSED_WORDS, actors._TAKEN_FROM_WORDS, actors._ALLEGED_WORDS, actors._PLACE_DESCRIPTOR_HINTS,
             actors._DENIAL_HINTS, actors._ANAPHOR_HEADS_AR, actors._ANAPHOR_HEADS_EN)
    pieces = ["قال", "نفي", " ", "tn", "xyz", "the group", "سرايا", "took", "tk", "1", "hm", "said", "rtk"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        scripts = actors._scripts(text, start, end)
        for words in lists:
            kept = actors._in_scripts(words, *scripts)
            assert actors._word_spans(kept, text, start, end) == actors._word_spans(words, text, start, end), (text, words)
