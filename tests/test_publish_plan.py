"""The publish plan (pure): what is sent, deleted and kept, in which order; and the host files."""

from __future__ import annotations

import base64
import hashlib

import pytest

from ruangaman.finish.hostfiles import content_security_policy, not_found_pages, write_host_files
from ruangaman.model.destination import BadDestination, parse
from ruangaman.publish.plan import MANIFEST, PART, Manifest, make_plan

LOCAL = {
    "index.html": "h-index",
    "layanan/a/index.html": "h-a2",
    "assets/app.12345678.min.js": "h-js2",
    "assets/style.css": "h-css",
    "sitemap.xml": "h-map",
    "_headers": "h-headers2",
}
REMOTE = Manifest(
    files={
        "index.html": "h-index",
        "layanan/a/index.html": "h-a1",
        "layanan/gone/index.html": "h-gone",
        "assets/app.87654321.min.js": "h-js1",
        "assets/style.css": "h-css",
        "sitemap.xml": "h-map",
        "_headers": "h-headers1",
    }
)


def test_only_changed_files_are_sent_assets_first_then_pages_then_host_rules():
    plan = make_plan(LOCAL, REMOTE)
    assert plan.upload == (
        "assets/app.12345678.min.js",
        "layanan/a/index.html",
        "_headers",
    )
    assert plan.delete == ("assets/app.87654321.min.js", "layanan/gone/index.html")
    assert set(plan.unchanged) == {"index.html", "assets/style.css", "sitemap.xml"}
    assert plan.final.files == LOCAL


def test_files_named_by_content_go_before_the_assets_that_point_to_them():
    local = {
        "pagefind/pagefind-entry.json": "e2",
        "pagefind/pagefind.en_d7e5958cfd.pf_meta": "m2",
        "pagefind/fragment/en_1527bd8.pf_fragment": "f2",
        "pagefind/pagefind.js": "j",
        "index.html": "i2",
    }
    plan = make_plan(local, Manifest())
    assert plan.upload == (
        "pagefind/fragment/en_1527bd8.pf_fragment",
        "pagefind/pagefind.en_d7e5958cfd.pf_meta",
        "pagefind/pagefind-entry.json",
        "pagefind/pagefind.js",
        "index.html",
    )


def test_interim_manifest_marks_every_change_pending_so_a_cut_run_is_finished_later():
    plan = make_plan(LOCAL, REMOTE)
    assert set(plan.interim.pending) == set(plan.upload) | set(plan.delete)
    # a run cut right after the interim manifest: everything pending is done again
    again = make_plan(LOCAL, Manifest.from_bytes(plan.interim.to_bytes()))
    assert set(again.upload) == set(plan.upload)
    assert set(again.delete) == set(plan.delete)
    assert set(again.leftovers) == {p + PART for p in plan.interim.pending}


def test_a_finished_publish_leaves_nothing_to_do():
    plan = make_plan(LOCAL, REMOTE)
    again = make_plan(LOCAL, Manifest.from_bytes(plan.final.to_bytes()))
    assert again.nothing_to_do
    assert len(again.unchanged) == len(LOCAL)


def test_a_missing_or_broken_manifest_means_send_everything():
    for data in (None, b"", b"{not json", b'["a list"]'):
        plan = make_plan(LOCAL, Manifest.from_bytes(data))
        assert set(plan.upload) == set(LOCAL)
        assert plan.delete == ()


def test_destinations_are_read_and_passwords_refused():
    dest = parse("sftp://editor@host.example:2222/public_html")
    assert (dest.scheme, dest.user, dest.host, dest.port, dest.path) == (
        "sftp",
        "editor",
        "host.example",
        2222,
        "/public_html",
    )
    git = parse("git+file:///srv/site.git#gh-pages")
    assert (git.git_url, git.branch) == ("file:///srv/site.git", "gh-pages")
    with pytest.raises(BadDestination) as err:
        parse("ftp://editor:hunter2secret@host.example/x")
    assert err.value.code == "publish_password_in_url"
    assert "hunter2secret" not in repr(err.value.params)
    for bad, code in [
        ("http://host.example/", "publish_bad_destination"),
        ("site-folder", "publish_bad_destination"),
        ("git+file:///srv/site.git", "publish_git_no_branch"),
        ("sftp:///no-host", "publish_bad_destination"),
    ]:
        with pytest.raises(BadDestination) as err:
            parse(bad)
        assert err.value.code == code, bad


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_policy_is_the_same_whatever_the_pages_hold(tmp_path):
    """The policy is known before pages are written: inline code in a page is never hashed
    into it (it is refused by the build instead, see tests/test_trust_theme.py)."""
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text("<script>var a = 1;</script><p style='margin: 0'>x</p>")
    (tmp_path / "en" / "404.html").write_text("<p>x</p>")
    (tmp_path / "404.html").write_text("<p>x</p>")
    policy = content_security_policy()
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["style-src"] == "'self'"
    assert _sha("var a = 1;") not in policy and "'unsafe-inline'" not in policy
    assert directives["frame-ancestors"] == "'none'"
    write_host_files(tmp_path)
    assert policy in (tmp_path / "_headers").read_text()
    assert not_found_pages(tmp_path) == {"/": "/404.html", "/en/": "/en/404.html"}
    # Under a sub-path (a GitHub project site, `SiteUrls.root_path`), from the host's root.
    assert not_found_pages(tmp_path, "/sub/") == {
        "/sub/": "/sub/404.html",
        "/sub/en/": "/sub/en/404.html",
    }
    write_host_files(tmp_path, "/ruang.aman/")
    htaccess = (tmp_path / ".htaccess").read_text()
    assert "ErrorDocument 404 /ruang.aman/404.html\n" in htaccess
    pattern = '<If "%{REQUEST_URI} =~ m#^/ruang\\.aman/en/#">'
    assert f"{pattern}\n  ErrorDocument 404 /ruang.aman/en/404.html" in htaccess


def test_host_files_carry_every_header_and_the_404_pages(tmp_path):
    (tmp_path / "assets" / "javascripts" / "lunr").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").write_text("x")
    (tmp_path / "assets" / "javascripts" / "lunr" / "tinyseg.js").write_text("x")
    (tmp_path / "en").mkdir()
    (tmp_path / "404.html").write_text("<p>x</p>")
    (tmp_path / "en" / "404.html").write_text("<p>x</p>")
    write_host_files(tmp_path)
    headers = (tmp_path / "_headers").read_text()
    htaccess = (tmp_path / ".htaccess").read_text()
    for text in (headers, htaccess):
        for needed in (
            "Content-Security-Policy",
            "Referrer-Policy",
            "no-referrer",
            "X-Content-Type-Options",
            "nosniff",
            "Permissions-Policy",
            "frame-ancestors 'none'",
            "max-age=31536000, immutable",
        ):
            assert needed in text
    # only files named by their content hash are cached for a year
    assert (
        "/assets/javascripts/bundle.a5f9d56c.min.js\n  Cache-Control: public, max-age=31536000"
        in headers
    )
    assert "tinyseg" not in headers
    assert "ErrorDocument 404 /404.html" in htaccess
    assert "ErrorDocument 404 /en/404.html" in htaccess
    assert "mod_deflate" in htaccess and "DEFLATE text/html" in htaccess
    assert 'Cache-Control "public, max-age=300"' in htaccess
    assert MANIFEST in htaccess  # the manifest is not served
    assert (tmp_path / ".nojekyll").exists()
