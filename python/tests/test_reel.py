"""test_reel.py — the reel Python package over libreel, on examples/ (our own
corpus): records and reports must be exactly what the `reel` command gives
for the same input (the package adds no logic of its own to them), errors
must carry the library's message, and the store must close cleanly.
Run by tests/python.sh (from the build tree and from a pip-installed copy);
$REEL_SRC is the source tree, $REEL_BIN the command to compare with.
"""
import json
import os
import subprocess
import threading

import pytest

import reel

SRC = os.environ.get("REEL_SRC") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("REEL_BIN") or os.path.join(SRC, "build", "reel")
EXAMPLES = os.path.join(SRC, "examples")
FILES = sorted(os.path.join(EXAMPLES, f) for f in os.listdir(EXAMPLES))


def cli(*args):
    """The command's --json answer, parsed."""
    r = subprocess.run([BIN, *args], capture_output=True, text=True)
    assert r.returncode == 0, f"reel {' '.join(args)}: {r.returncode} {r.stderr}"
    return r.stdout


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("store") / "examples.db")
    with reel.Store(path) as st:
        got = st.ingest([EXAMPLES])
    assert got["articles"] == len(FILES) and got["added"] == len(FILES), got
    assert got["errors"] == [] and got["unchanged"] == 0
    return path


@pytest.fixture()
def store(store_path):
    with reel.Store(store_path, readonly=True) as st:
        yield st


# ---- extract --------------------------------------------------------------

@pytest.fixture(scope="module")
def cli_records():
    """`reel extract` of every example (one run: the model is read once)."""
    recs = [json.loads(line) for line in cli("extract", "--quiet", *FILES).splitlines()]
    assert [r["source"] for r in recs] == FILES
    return dict(zip(FILES, recs))


@pytest.mark.parametrize("path", FILES, ids=os.path.basename)
def test_extract_is_the_commands_record(path, cli_records):
    want = cli_records[path]
    assert reel.extract(path, text=True) == want
    rec = reel.extract(path)
    assert "text" not in rec and "blocks" not in rec
    assert rec["id"] == want["id"] and rec["source"] == path
    assert rec["verdict"] == want["verdict"] and rec["sentiment"] == want["sentiment"]
    assert rec["sentiment"] is not None, "no model: the build tree's models/ was not found"


def test_extract_bytes_is_the_files_record():
    path = os.path.join(EXAMPLES, "parasite-review-1.html")
    with open(path, "rb") as f:
        data = f.read()
    from_bytes = reel.extract(data, name=path)
    assert from_bytes == reel.extract(path)
    assert from_bytes["kind"]["label"] == "review"
    assert from_bytes["subject"]["key"] == "parasite"
    assert from_bytes["score"]["raw"] == "★★★★½" and from_bytes["score"]["score100"] == 90.0
    assert reel.extract(bytearray(data), name="x")["source"] == "x"
    assert reel.extract(memoryview(data))["source"] == "-"


def test_extract_text_of_our_own():
    rec = reel.extract(b"Review: Dune\n\nDenis Villeneuve directed Dune, and it is a towering, "
                       b"patient and gorgeous piece of work. Rating: 3.5/4\n", name="mine.txt", text=True)
    assert rec["score"]["raw"] == "3.5/4" and rec["score"]["score100"] == 87.5
    assert rec["text"].startswith("Review: Dune")
    s, e = rec["score"]["span"]
    assert rec["text"].encode()[s:e].decode() == "3.5/4"


def test_records_of_json_lines(tmp_path):
    lines = tmp_path / "two.jsonl"
    lines.write_text(
        json.dumps({"url": "https://a.example/1", "film": "Heat", "year": 1995, "score": "4/5",
                    "text": "Heat is a long, cool crime picture about two professionals."}) + "\n" +
        json.dumps({"url": "https://a.example/2", "film": "Ran", "year": 1985, "kind": "news",
                    "text": "A restored print of Ran opens in cinemas next month."}) + "\n")
    recs = list(reel.records(lines))
    assert [r["url"] for r in recs] == ["https://a.example/1", "https://a.example/2"]
    assert recs[0]["score"]["score100"] == 80.0 and recs[1]["kind"]["label"] == "news"
    with pytest.raises(reel.Error, match="several documents"):
        reel.extract(lines)
    with pytest.raises(reel.Error, match=r"jsonl holds several documents.*reel\.records"):
        reel.extract(lines.read_bytes())


def test_records_bad_line_reported_or_raised(tmp_path):
    lines = tmp_path / "bad.jsonl"
    lines.write_text('{"text": "A fine first line about Heat."}\n[1, 2]\n{"text": "A third about Ran."}\n')
    seen = []
    recs = list(reel.records(lines, on_error=lambda path, msg: seen.append((path, msg))))
    assert len(recs) == 2 and len(seen) == 1
    assert seen[0][0] == str(lines) and seen[0][1]
    with pytest.raises(reel.Error):
        list(reel.records(lines))


def test_extract_errors_carry_the_librarys_message(tmp_path):
    with pytest.raises(reel.Error) as e:
        reel.extract(str(tmp_path / "missing.html"))
    assert "missing.html" in str(e.value) and e.value.code < 0
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(reel.Error, match="binary"):
        reel.extract(binary)
    with pytest.raises(reel.Error, match="directory"):
        reel.extract(EXAMPLES)
    with pytest.raises(TypeError):
        reel.extract(42)
    with pytest.raises(reel.Error, match="empty") as e:
        reel.extract(b"", name="nothing.txt")
    assert "nothing.txt" in str(e.value) and e.value.code == -3


# ---- the store --------------------------------------------------------------

def test_films_are_the_commands(store, store_path):
    want = json.loads(cli("films", "--json", "--db", store_path))["films"]
    assert store.films() == want
    assert [f["title"] for f in store.films()] == sorted(f["title"] for f in want)
    assert store.films(limit=2) == want[:2]
    assert store.films(offset=3) == want[3:]
    by_score = store.films(sort="score")
    assert [f["critics_score"] for f in by_score] == sorted((f["critics_score"] for f in want), reverse=True)
    assert [f["title"] for f in store.films("PARASITE")] == ["Parasite"]
    assert store.films(language="en") == want
    assert store.films(language="fr") == []


def test_film_report_is_the_commands(store, store_path):
    for title in ("Parasite", "pain and glory", "The Irishman"):
        assert store.film(title) == json.loads(cli("film", "--json", "--db", store_path, title))
    rep = store.film("Pain & Glory (2019)")
    assert rep["film"]["title"] == "Pain & Glory" and rep["counts"]["review"] == 2
    page = store.film("Parasite", limit=1, offset=1)
    assert len(page["articles"]) == 1 and page["articles_total"] == 4
    assert page["articles"][0] == store.film("Parasite")["articles"][1]


def test_search_and_article(store, store_path):
    hits = store.search("bong joon", limit=3)
    want = json.loads(cli("search", "--json", "--db", store_path, "--limit", "3", "bong joon"))["hits"]
    assert hits == want and len(hits) == 3
    rec = store.article(hits[0]["id"][:10])
    assert rec["id"] == hits[0]["id"] and "Bong" in rec["text"]
    assert rec == reel.extract(rec["source"], text=True)


def test_not_found_and_bad_arguments(store):
    with pytest.raises(reel.NotFound, match="no film"):
        store.film("A Film Nobody Reviewed")
    with pytest.raises(reel.Error):
        store.article("zz")
    with pytest.raises(reel.Error):
        store.search("")


def test_ambiguous_title_lists_its_films(tmp_path):
    lines = tmp_path / "dunes.jsonl"
    lines.write_text(
        json.dumps({"film": "Dune", "year": 1984, "score": "2/5", "url": "https://b.example/1",
                    "text": "David Lynch's Dune is a strange, muddled and fascinating mess."}) + "\n" +
        json.dumps({"film": "Dune", "year": 2021, "score": "4/5", "url": "https://b.example/2",
                    "text": "Denis Villeneuve's Dune is vast, stern and beautiful to look at."}) + "\n")
    with reel.Store(str(tmp_path / "d.db")) as st:
        assert st.ingest(lines)["added"] == 2
        with pytest.raises(reel.Ambiguous) as e:
            st.film("Dune")
        assert sorted(f["name"] for f in e.value.films) == ["Dune (1984)", "Dune (2021)"]
        assert isinstance(e.value, reel.Error) and e.value.code == -12
        assert st.film("Dune (2021)")["film"]["year"] == 2021


def test_ingest_is_idempotent_and_reports_bad_files(store_path, tmp_path):
    bad = tmp_path / "blob.bin"
    bad.write_bytes(bytes(range(256)) * 4)
    with reel.Store(store_path) as st:
        got = st.ingest([EXAMPLES, str(bad), str(tmp_path / "gone.html")])
        assert got["articles"] == len(FILES) and got["added"] == 0 and got["unchanged"] == len(FILES)
        assert [os.path.basename(e["source"]) for e in got["errors"]] == ["blob.bin", "gone.html"]
        assert all(e["message"] for e in got["errors"])
        assert st.stats()["articles"] == len(FILES)


def test_open_close_and_modes(tmp_path, store_path):
    missing = str(tmp_path / "none.db")
    with pytest.raises(reel.NotFound):
        reel.Store(missing, create=False)
    assert not os.path.exists(missing)
    with pytest.raises(reel.Error) as e:
        reel.Store(str(tmp_path / "no-such-dir" / "x.db"))
    assert "no-such-dir" in str(e.value)
    st = reel.Store(store_path, readonly=True)
    new = tmp_path / "new.txt"
    new.write_text("Review: Heat\n\nMichael Mann's Heat is long, cool and exact. Rating: 4/5\n")
    with pytest.raises(reel.Error):
        st.ingest([new])
    assert st.stats()["articles"] == len(FILES)
    st.close()
    st.close()
    assert "closed" in repr(st)
    with pytest.raises(reel.Error, match="closed"):
        st.films()
    with reel.Store(store_path) as st2:
        assert st2.stats()["films"] == 4
    with pytest.raises(reel.Error, match="closed"):
        st2.film("Parasite")


@pytest.mark.skipif(not os.environ.get("REEL_PG_URL"),
                    reason="no PostgreSQL: tests/python.sh starts one and sets $REEL_PG_URL")
def test_postgres_store_answers_as_sqlite(store):
    with reel.Store(os.environ["REEL_PG_URL"]) as pg:
        got = pg.ingest([EXAMPLES])
        assert got["added"] == len(FILES) and got["errors"] == []
        assert pg.stats()["backend"] == "postgresql" and pg.stats()["films"] == 4
        assert pg.films() == store.films()
        assert pg.films(sort="score", limit=2) == store.films(sort="score", limit=2)
        for f in store.films():
            assert pg.film(f["id"]) == store.film(f["id"])
        hits = pg.search("bong joon")
        assert [h["id"] for h in hits] == [h["id"] for h in store.search("bong joon")]
        assert pg.article(hits[0]["id"]) == store.article(hits[0]["id"])
        with pytest.raises(reel.NotFound):
            pg.film("A Film Nobody Reviewed")


def test_threads_share_nothing_unsafe(store_path):
    want = reel.extract(FILES[0])
    errors = []

    def work():
        try:
            with reel.Store(store_path, readonly=True) as st:
                for _ in range(5):
                    assert len(st.films()) == 4
                    assert reel.extract(FILES[0]) == want
        except Exception as e:  # reported below, in the main thread
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_to_pandas(store):
    pandas = pytest.importorskip("pandas")
    df = reel.to_pandas(store.films(sort="score"))
    assert isinstance(df, pandas.DataFrame)
    assert list(df["title"])[0] == "Parasite" and len(df) == 4
    arts = reel.to_pandas(store.film("Parasite")["articles"])
    assert "verdict.score100" in arts.columns and len(arts) == 4
    with pytest.raises(TypeError):
        reel.to_pandas(store.film("Parasite"))
