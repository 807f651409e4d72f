"""The HTML view (kg/view.py): one offline file, escaped text, and the page driven in real Chromium.

Browser tests (marked `browser`) open each kind of page from disk in headless Chromium with the
network closed; they share one browser per module. Screenshots go to out/view-<kind>.png
(`make screenshots` copies them to docs/).
"""

import re
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.network import build_network, heading_for
from kg.view import PHYSICS_LIMIT, _json_for_script, page_data, render_html, write_html

from browser import Page, start_chromium
from conftest import MYANMAR_MILITARY, PLACE, ROOT

OUT = ROOT / "out"
HOSTILE = "<img src=x onerror=window.__pwned=1>"
HOSTILE_ALIAS = '<a href="javascript:window.__pwned=3">href alias</a>'
HOSTILE_QUOTE = "<script>window.__pwned=2</script> fighters of the group attacked Loikaw."
HOSTILE_HEADLINE = "<img src=y onerror=window.__pwned=6> headline"
HOSTILE_CLAIMANT = "<b onmouseover=window.__pwned=7>a spokesman</b>"
HOSTILE_ARTICLE = """url: javascript:window.__pwned=5
date: 2024-03-10
title: <script>window.__pwned=8</script> headline

The Karenni Nationalities Defense Force attacked a junta outpost in Loikaw on Friday, the group said. "<script>window.__pwned=2</script>" was written on the wall.
"""


def _turtle(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# A group the extractor would never name like this, written straight into the store with an event,
# a claim and an article, so that the whole path (SPARQL, networkx, page, browser) carries it.
HOSTILE_TURTLE = f"""
@prefix kg: <https://w3id.org/armed-actors/ns#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/armed-actors/id/> .

<actor/hostile> a kg:ArmedGroup ; skos:prefLabel {_turtle(HOSTILE)} ; skos:altLabel {_turtle(HOSTILE_ALIAS)} .
<article/hostile> a schema:NewsArticle ; kg:articleId "hostile" ; schema:url "javascript:window.__pwned=5" ;
    schema:headline {_turtle(HOSTILE_HEADLINE)} ; kg:mentions <actor/hostile> .
<event/hostile/1> a kg:ConflictEvent ; sem:eventType <event-type/armed-clash> ; sem:hasPlace <place/loikaw> ;
    sem:hasBeginTimeStamp "2024-03-08"^^xsd:date ; sem:hasEndTimeStamp "2024-03-08"^^xsd:date ;
    sem:hasActor <event/hostile/1-role> ; kg:claimantLabel {_turtle(HOSTILE_CLAIMANT)} ;
    kg:reportedIn <article/hostile> ; kg:evidence <evidence/hostile/1> .
<event/hostile/1-role> a sem:Role ; sem:roleType kg:Attacker ; rdf:value <actor/hostile> .
<evidence/hostile/1> a oa:Annotation ; oa:hasTarget <evidence/hostile/1-target> .
<evidence/hostile/1-target> oa:hasSource <article/hostile> ; oa:hasSelector <evidence/hostile/1-quote> .
<evidence/hostile/1-quote> a oa:TextQuoteSelector ; oa:exact {_turtle(HOSTILE_QUOTE)} .
<claim/hostile/1> a kg:Claim ; kg:about <event/hostile/1> ; kg:quantityType kg:Fatalities ;
    kg:value "3"^^xsd:nonNegativeInteger ; kg:claimantLabel {_turtle(HOSTILE_CLAIMANT)} ;
    kg:reportedIn <article/hostile> ; kg:evidence <evidence/hostile/1> .
"""


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """A store holding a hostile article built by the real pipeline and the hand-written group above."""
    from kg.build import build
    from kg.namespace import graph_iri
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile-article.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    store = open_store(None)
    build([str(folder)], store)
    store.replace_graph(graph_iri("hostile"), Graph().parse(data=HOSTILE_TURTLE, format="turtle").serialize(format="nt"))
    return store


@pytest.fixture(scope="module")
def samples(samples_store):
    return samples_store[0]


def synthetic(nodes=5000, seed=3):
    """A scale-free actor-place-like graph with the attributes kg.network gives, for the scale test."""
    base = nx.barabasi_albert_graph(nodes, 2, seed=seed)
    graph = nx.Graph(kind="full", evidence=[{"quote": f"Sentence {i}.", "article": 0} for i in range(nodes)],
                     claims=[], articles=[{"id": "a1", "url": "https://example.org/a1", "headline": "A1"}],
                     operations={})
    for n in base:
        kind = ("actor", "place", "event")[n % 3]
        graph.add_node(f"n{n}", label=f"{kind} {n}", kind=kind, category={"actor": "armed-group"}.get(kind, kind),
                       type=kind, aliases=[], first="2024-01-01", last="2024-02-01", events=base.degree(n),
                       evidence={n}, claims=set(), operations=set())
    for a, b in base.edges:
        graph.add_edge(f"n{a}", f"n{b}", relation="fought at", weight=1, reference=False, first="2024-01-01",
                       last="2024-01-01", evidence={a}, claims=set(), operations=set())
    return graph


# ---------------------------------------------------------------------------- the file itself

def test_page_is_self_contained(samples):
    page = render_html(build_network(samples, "actor-place"))
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=""", page, re.I)
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap(\.min)?\.css", page)
    assert "vis.Network" in page and "Content-Security-Policy" in page
    assert "default-src 'none'" in page


def test_hostile_text_never_reaches_the_html_as_markup(hostile_store):
    graph = build_network(hostile_store, "full")
    assert any(data["label"] == HOSTILE for _, data in graph.nodes(data=True))
    page = render_html(graph, heading=heading_for("full", group=HOSTILE))
    for text in (HOSTILE, HOSTILE_QUOTE, HOSTILE_HEADLINE, HOSTILE_CLAIMANT, "<script>window.__pwned=8"):
        assert text not in page
    assert "<h1>kg: actors, operations, places, events \u00b7 group &lt;img src=x onerror=window.__pwned=1&gt;</h1>" in page


def test_json_in_the_page_cannot_close_its_script_element():
    text = _json_for_script({"a": "</script><script>alert(1)</script>", "b": "x & y \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    import json

    assert json.loads(text) == {"a": "</script><script>alert(1)</script>", "b": "x & y \u2028"}


def test_large_graphs_get_python_positions_and_no_physics():
    small = page_data(synthetic(PHYSICS_LIMIT))
    assert small["physics"] and all("x" not in n for n in small["nodes"])
    large = page_data(synthetic(PHYSICS_LIMIT + 50))
    assert not large["physics"] and all("x" in n and "y" in n for n in large["nodes"])


def test_kg_view_writes_each_kind_and_reports_the_cut(samples, tmp_path):
    from click.testing import CliRunner

    from cli import main

    runner = CliRunner()
    for kind in ("actors", "actor-place", "full"):
        out = tmp_path / f"{kind}.html"
        result = runner.invoke(main, ["view", "--store", samples.path, "--kind", kind, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(main, ["view", "--store", samples.path, "--kind", "full", "--max-nodes", "20",
                                  "--out", str(tmp_path / "cut.html")])
    assert result.exit_code == 0
    assert "showing the 20 most connected of" in result.stderr
    assert "showing the 20 most connected of" in (tmp_path / "cut.html").read_text(encoding="utf-8")
    result = runner.invoke(main, ["view", "--store", samples.path, "--place", "Atlantis", "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "no place named 'Atlantis'" in result.output


# ---------------------------------------------------------------------------- in Chromium

@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    browser = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    browser.get("about:blank")
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def sample_pages(samples, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    graphs = {kind: build_network(samples, kind) for kind in ("actors", "actor-place", "full")}
    return {kind: (write_html(graph, folder / f"{kind}.html", heading_for(kind)), graph) for kind, graph in graphs.items()}


def _clean(page):
    assert page.errors() == []
    assert page.remote_requests() == []


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["actors", "actor-place", "full"])
def test_each_kind_opens_offline_with_its_nodes_and_edges(driver, sample_pages, kind):
    path, graph = sample_pages[kind]
    page = Page(driver, path)
    _clean(page)
    data = page.js("return {nodes: kgView.data.nodes.map(n => n.iri), visible: kgView.visibleNodes().length,"
                   " edges: kgView.data.edges.map(e => [kgView.data.nodes[e.from].iri, kgView.data.nodes[e.to].iri])}")
    assert set(data["nodes"]) == set(graph.nodes)
    assert data["visible"] == graph.number_of_nodes()
    assert {frozenset(e) for e in data["edges"]} == {frozenset(e) for e in graph.edges}
    # the most connected actor, clicked, for a screenshot that shows the details panel too
    hub = page.js("return kgView.data.nodes.filter(n => n.iri === arguments[0])[0].id", MYANMAR_MILITARY)
    page.click_node(hub)
    page.wait(lambda d: d.execute_script("return document.getElementById('details').getAttribute('data-shown')") == f"node:{hub}")
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.CSS_SELECTOR, "#network canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, 8 - canvas.size["width"] // 2, 8 - canvas.size["height"] // 2).perform()
    page.wait(lambda d: not d.execute_script("var t = document.querySelector('.vis-tooltip'); return t && t.style.visibility === 'visible'"))
    OUT.mkdir(exist_ok=True)
    driver.save_screenshot(str(OUT / f"view-{kind}.png"))


@pytest.mark.browser
def test_clicking_a_node_shows_its_source_sentences_with_article_links(driver, sample_pages):
    path, graph = sample_pages["actor-place"]
    page = Page(driver, path)
    node = page.js("return kgView.data.nodes.filter(n => n.iri === arguments[0])[0]", PLACE + "loikaw")
    page.click_node(node["id"])
    page.wait(lambda d: "Loikaw" in page.js("return document.querySelector('#details h2') ? document.querySelector('#details h2').textContent : ''"))
    text = page.details()
    quotes = [graph.graph["evidence"][i]["quote"] for i in graph.nodes[PLACE + "loikaw"]["evidence"]]
    assert quotes and all(q in text for q in quotes[:3])
    links = page.js("return Array.from(document.querySelectorAll('#details a')).map(a => a.href)")
    assert links and all(link.startswith("https://") for link in links)
    _clean(page)


@pytest.mark.browser
def test_clicking_an_edge_shows_its_sentences(driver, sample_pages):
    path, graph = sample_pages["actors"]
    page = Page(driver, path)
    # the sourced edge whose midpoint lies farthest from every node, so the click lands on the edge
    spot = page.js("""
        var v = kgView.network, best = null;
        var nodes = kgView.visibleNodes().map(id => v.canvasToDOM(v.getPosition(id)));
        kgView.data.edges.filter(e => !e.reference).forEach(function (e) {
          var a = v.canvasToDOM(v.getPosition(e.from)), b = v.canvasToDOM(v.getPosition(e.to));
          var m = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
          var gap = Math.min.apply(null, nodes.map(p => Math.hypot(p.x - m.x, p.y - m.y)));
          if (!best || gap > best.gap) { best = {id: e.id, x: m.x, y: m.y, gap: gap}; }
        });
        return best;""")
    page.click_at(spot["x"], spot["y"])
    page.wait(lambda d: page.js("return document.getElementById('details').getAttribute('data-shown')") == f"edge:{spot['id']}")
    edge = page.js("return kgView.data.edges[arguments[0]]", spot["id"])
    text = page.details()
    assert edge["relation"] in text
    assert all(graph.graph["evidence"][i]["quote"] in text for i in edge["evidence"][:3])


@pytest.mark.browser
def test_filters_by_type_date_operation_and_evidence(driver, sample_pages):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = Page(driver, sample_pages["full"][0])
    total = page.js("return kgView.visibleNodes().length")
    visible = lambda: page.js("return kgView.visibleNodes().map(id => kgView.data.nodes[id])")

    driver.find_element(By.CSS_SELECTOR, "#legend input[value=event]").click()
    assert not any(n["kind"] == "event" for n in visible())
    driver.find_element(By.CSS_SELECTOR, "#legend input[value=event]").click()
    assert len(visible()) == total

    operation = page.js("return kgView.data.operations.filter(o => o.label === 'Operation 1027')[0].id")
    Select(driver.find_element(By.ID, "operation")).select_by_value(operation)
    events = [n for n in visible() if n["kind"] == "event"]
    assert events and all(operation in n["operations"] for n in events)
    Select(driver.find_element(By.ID, "operation")).select_by_value("")

    page.js("var s = document.getElementById('since'); s.value = '2024-08-01'; s.dispatchEvent(new Event('change'));"
            "var u = document.getElementById('until'); u.value = '2024-08-31'; u.dispatchEvent(new Event('change'));")
    events = [n for n in visible() if n["kind"] == "event"]
    assert events and all(n["last"] >= "2024-08-01" and n["first"] <= "2024-08-31" for n in events)
    driver.find_element(By.ID, "reset").click()
    page.wait(lambda d: page.js("return kgView.visibleNodes().length") == total)

    most = page.js("return Math.max.apply(null, kgView.data.edges.map(e => e.evidence.length))")
    assert most >= 2
    field = driver.find_element(By.ID, "min-evidence")
    field.clear()
    field.send_keys(str(most))
    edges = page.js("return kgView.visibleEdges().map(id => kgView.data.edges[id])")
    assert edges and all(e["reference"] or len(e["evidence"]) >= most for e in edges)
    assert len(visible()) < total
    _clean(page)


@pytest.mark.browser
def test_hostile_names_and_sentences_show_as_text_and_run_nothing(driver, hostile_store, tmp_path):
    graph = build_network(hostile_store, "full", group=HOSTILE)
    path = write_html(graph, tmp_path / "hostile.html", heading_for("full", group=HOSTILE))
    page = Page(driver, path)
    assert HOSTILE in page.js("return document.querySelector('h1').textContent")
    node = page.js("return kgView.data.nodes.filter(n => n.label === arguments[0])[0].id", HOSTILE)
    page.hover_node(node)  # the hover title: the path where pyvis would have inserted HTML
    page.wait(lambda d: d.execute_script("var t = document.querySelector('.vis-tooltip');"
                                         "return t && t.style.visibility === 'visible'"))
    assert page.js("return document.querySelector('.vis-tooltip').textContent").startswith(HOSTILE)
    # innerText turns the title's line breaks into <br>; nothing else may become an element
    assert page.js("return Array.from(document.querySelector('.vis-tooltip').querySelectorAll('*'))"
                   ".filter(e => e.tagName !== 'BR').length") == 0
    page.click_node(node)
    page.wait(lambda d: page.js("return document.getElementById('details').getAttribute('data-shown')") == f"node:{node}")
    assert page.js("return document.querySelector('#details h2').textContent") == HOSTILE
    text = page.details()
    for shown in (HOSTILE_ALIAS, HOSTILE_QUOTE, HOSTILE_HEADLINE, HOSTILE_CLAIMANT):
        assert shown in text
    for index in range(page.js("return kgView.data.nodes.length")):
        page.js("kgView.showNode(arguments[0])", index)
        assert page.js("return document.querySelectorAll('#details *:not(h2):not(h3):not(dl):not(dt):not(dd):not(div)"
                       ":not(blockquote):not(strong):not(span):not(p):not(a)').length") == 0
    for index in range(page.js("return kgView.data.edges.length")):
        page.js("kgView.showEdge(arguments[0])", index)
    assert page.js("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.js("return Array.from(document.querySelectorAll('a')).filter(a => !/^https?:/.test(a.href)).length") == 0
    assert page.js("return typeof window.__pwned") == "undefined"
    _clean(page)


@pytest.mark.browser
def test_a_5000_node_page_is_interactive_within_5_seconds(driver, tmp_path):
    started = time.monotonic()
    path = write_html(synthetic(5000), tmp_path / "large.html", "kg: 5,000 nodes")
    written = time.monotonic() - started
    page = Page(driver, path, timeout=30)
    # zoom to the last node the way a reader would (at the zoom that fits 5,000 nodes they are 1 px), then click it
    node = page.js("var v = kgView.network, id = kgView.data.nodes.length - 1;"
                   "v.moveTo({position: v.getPosition(id), scale: 1.5}); return id")
    page.click_node(node)
    page.wait(lambda d: page.js("return document.getElementById('details').getAttribute('data-shown')") == f"node:{node}")
    interactive = time.monotonic() - started - written
    timing = page.js("return kgView.timing")
    print(f"5,000 nodes: page written in {written:.1f} s; in the page: vis-network built {timing['network'] / 1000:.1f} s, "
          f"drawn {timing['drawn'] / 1000:.1f} s after navigation; seen drawn by the test {page.seconds:.1f} s, "
          f"clicked {interactive:.1f} s after opening")
    assert not page.js("return kgView.data.physics")
    assert interactive < 5.0
    assert page.js("return kgView.drawnEdges()") == page.js("return kgView.data.edges.length") > 5000
    _clean(page)
    driver.save_screenshot(str(OUT / "view-5000.png"))


@pytest.mark.browser
def test_the_page_says_what_the_cut_left_out_and_when_nothing_matches(driver, samples, tmp_path):
    from kg.network import most_connected

    graph, notice = most_connected(build_network(samples, "full"), 40)
    page = Page(driver, write_html(graph, tmp_path / "cut.html"))
    assert page.js("return document.getElementById('notice').textContent") == notice
    assert page.js("return document.getElementById('notice').hidden") is False
    assert page.js("return kgView.data.nodes.length") == 40
    _clean(page)
    empty = build_network(samples, "actor-place", since="1900-01-01", until="1900-12-31")
    page = Page(driver, write_html(empty, tmp_path / "empty.html"))
    assert "Nothing in the store matches these filters" in page.js("return document.getElementById('notice').textContent")
    _clean(page)


@pytest.mark.browser
def test_the_harness_sees_a_request_to_another_host(driver, tmp_path):
    """Guards the guard: a page that asks another host for an image shows up in remote_requests."""
    path = tmp_path / "leaky.html"
    path.write_text('<!DOCTYPE html><img src="http://example.org/x.png"><script>window.kgReady = true</script>',
                    encoding="utf-8")
    page = Page(driver, path)
    page.wait(lambda d: page.js("return document.readyState") == "complete")
    import json as _json

    page.requests += [_json.loads(e["message"])["message"]["params"]["request"]["url"]
                      for e in driver.get_log("performance")
                      if _json.loads(e["message"])["message"].get("method") == "Network.requestWillBeSent"]
    assert "http://example.org/x.png" in page.remote_requests()
