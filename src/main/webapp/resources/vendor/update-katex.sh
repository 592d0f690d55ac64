#!/bin/sh
# Re-fetches the KaTeX files the chat page uses (https://katex.org, MIT licence) from the npm
# registry with `npm pack`, checks the package against the registry's sha512 integrity (Subresource
# Integrity format, https://www.w3.org/TR/SRI/) pinned here, and keeps only what the page loads:
# katex.min.js, katex.min.css, the woff2 fonts and LICENSE. To move to another version, change
# VERSION and INTEGRITY (`npm view katex@<version> dist.integrity`) and run this script.
set -eu
VERSION=0.19.1
INTEGRITY='sha512-jG8uKntjSEcm2EpQOh0XturpPuuC9r3Sq5HLHdsFdWZT27E672SF19QEi+of0/YeOy15lDgRhKvr5614uRrEfA=='

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

registry=$(npm view "katex@$VERSION" dist.integrity)
if [ "$registry" != "$INTEGRITY" ]; then
  echo "the registry's integrity of katex@$VERSION is $registry, not the pinned one" >&2
  exit 1
fi
(cd "$tmp" && npm pack "katex@$VERSION" --silent > /dev/null)
tgz="$tmp/katex-$VERSION.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 | tr -d '\n')"
if [ "$actual" != "$INTEGRITY" ]; then
  echo "katex-$VERSION.tgz does not match its integrity: $actual" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$tmp"
rm -rf "$here/katex"
mkdir -p "$here/katex/fonts"
cp "$tmp/package/dist/katex.min.js" "$tmp/package/dist/katex.min.css" "$tmp/package/LICENSE" \
  "$here/katex/"
cp "$tmp/package/dist/fonts/"*.woff2 "$here/katex/fonts/"
echo "$VERSION" > "$here/katex/VERSION"
echo "katex $VERSION: $(ls "$here/katex/fonts" | wc -l) fonts"
