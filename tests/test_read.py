"""Loaders: every format in, every kind of bad file named and skipped."""
import json

import pytest

from rekg.loaders.read import BadFile, LoadError, iter_documents, read_file


def test_txt_md_html_json_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Baotou hosted a forum on magnets.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: Magnet forum\nsource: Example Wire\nurl: https://example.org/b\npublished: 2024-03-08\n---\n# Heading\nThe **forum** met in [Baotou](https://example.org).\n", encoding="utf-8")
    (tmp_path / "c.html").write_text("<html><head><title>Page</title></head><body><article><p>A long enough paragraph about rare earth separation plants in Ganzhou and the people who run them.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps([{"id": "rec-1", "text": "First record."}, {"text": "Second record.", "title": "T2"}]), encoding="utf-8")
    (tmp_path / "e.jsonl").write_text('{"id": "line-1", "text": "One."}\n\n{"id": "line-2", "text": "Two.", "published": "2023-10-12"}\n', encoding="utf-8")
    docs = list(iter_documents([str(tmp_path)]))
    assert not [d for d in docs if isinstance(d, LoadError)]
    ids = sorted(d.meta.id for d in docs)
    assert ids == ["a", "b", "c", "d-2", "line-1", "line-2", "rec-1"]
    md = next(d for d in docs if d.meta.id == "b")
    assert md.meta.title == "Magnet forum" and md.meta.published == "2024-03-08" and md.meta.source == "Example Wire"
    assert "**" not in md.text and "](" not in md.text and "The forum met in Baotou." in md.text
    assert next(d for d in docs if d.meta.id == "c").is_html


@pytest.mark.parametrize("name,content,problem", [
    ("blob.txt", b"\x00\x01\x02binary\x00", "binary file"),
    ("empty.txt", b"   \n", "empty file"),
    ("broken.json", b'{"text": "unterminated', "malformed JSON"),
    ("broken.jsonl", b'{"text": "ok"}\n{nope}\n', "malformed JSON on line 2"),
    ("notext.json", b'{"title": "no body"}', "missing or empty 'text'"),
    ("latin1.txt", "caf\u00e9 in Baotou".encode("latin-1"), "not valid UTF-8"),
    ("badyaml.md", b"---\ntitle: [unclosed\n---\nBody text.\n", "malformed YAML"),
    ("image.png", b"\x89PNG\r\n", "unsupported file type"),
])
def test_bad_files_are_named_with_their_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadFile, match=problem):
        read_file(path)
    (err,) = list(iter_documents([str(path)]))
    assert isinstance(err, LoadError) and err.path == str(path) and problem in str(err)


def test_globs_and_missing_paths(tmp_path):
    (tmp_path / "x1.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "x2.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "y.txt").write_text("Three.", encoding="utf-8")
    got = list(iter_documents([str(tmp_path / "x*.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "z*.md")]))
    assert [d.meta.id for d in got if not isinstance(d, LoadError)] == ["x1", "x2"]
    problems = sorted(e.problem for e in got if isinstance(e, LoadError))
    assert problems == ["no file matches this pattern", "no such file or folder"]
