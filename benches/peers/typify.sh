#!/usr/bin/env bash
# callgen against typify (oxidecomputer's JSON Schema code generator) on the
# same schema, side by side in one run; see BENCHMARKS.md, "Against typify".
# Outside CI: it installs cargo-typify from crates.io when missing and
# fetches typify's runtime dependencies (chrono, uuid) with cargo.
#
#   benches/peers/typify.sh            # from the workspace root or anywhere
#   PEERS_RUNS=7 benches/peers/typify.sh
#
# Steps (everything under target/peers/typify/):
# 1. the committed schema's components as JSON Schema `$defs`
#    (to_json_schema.py, python3) and its documented call payloads
#    (call_payloads.py);
# 2. generation, formatted output, CPU time (user + sys) of each generator's
#    command: `callgen generate` and `cargo typify`;
# 3. a workspace holding typify's crate (`types/`) and the decode program
#    (`decode/`, benches/peers/decode/main.rs), which depends on both
#    crates; `cargo check` and `cargo build` (dev profile) of each
#    generated crate with its dependencies built, `cargo clean -p` before
#    each run, in the same target directory;
# 4. a user crate per generator (user/main.rs: decode a notification batch
#    and a call, write them back), built with its generated crate after
#    `cargo clean -p` of both: what a user pays in all, since a crate that
#    instantiates nothing leaves its decoders to its users' crates;
# 5. the decode program in release: JSON paths each side loses, decode time.
# Runs of 2 and 3 are interleaved (callgen, typify, callgen, ...); medians.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/benches/peers
out=$root/target/peers/typify
runs=${PEERS_RUNS:-5}
export CARGO_TARGET_DIR=$out/target

if ! command -v cargo-typify >/dev/null; then
    cargo install --locked cargo-typify --version '^0.8'
fi

mkdir -p "$out/types/src" "$out/decode/src" "$out/user-callgen/src" "$out/user-typify/src"
cd "$root"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cargo-typify: $(cargo-typify --version 2>/dev/null || cargo typify --version)"
CARGO_TARGET_DIR=$root/target cargo build --release --quiet -p callgen
python3 "$here/to_json_schema.py" schema/graph-calls.beta.json "$out/calls.schema.json"
python3 "$here/call_payloads.py" schema/graph-calls.beta.json "$out/call-payloads.json"

# CPU seconds (user + sys) of a command, its output discarded.
cpu() {
    local TIMEFORMAT='%U %S' t
    t=$({ time "$@" >/dev/null 2>&1; } 2>&1)
    awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.3f", a[1] + a[2] }'
}

# Wall-clock seconds of a command, its output discarded.
wall() {
    local TIMEFORMAT='%R' t
    t=$({ time "$@" >/dev/null 2>&1; } 2>&1)
    printf "%s" "$t"
}

median() {
    printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

gen_callgen() {
    "$root/target/release/callgen" generate --schema schema/graph-calls.beta.json \
        --out "$out/callgen-generated"
}

gen_typify() {
    cargo-typify typify "$out/calls.schema.json" -o "$out/types/src/lib.rs"
}

declare -a gc gt
for _ in $(seq "$runs"); do
    gc+=("$(cpu gen_callgen)")
    gt+=("$(cpu gen_typify)")
done
gen_typify
echo "generated: callgen $(find "$out/callgen-generated" -name '*.rs' -exec cat {} + | wc -l) lines," \
    "typify $(wc -l <"$out/types/src/lib.rs") lines"

cp Cargo.lock "$out/Cargo.lock"
cp "$here/decode/main.rs" "$out/decode/src/main.rs"
cat >"$out/Cargo.toml" <<TOML
[workspace]
members = ["types", "decode", "user-callgen", "user-typify"]
resolver = "3"

[workspace.package]
edition = "2024"
TOML
cat >"$out/types/Cargo.toml" <<TOML
[package]
name = "typify-calls"
version = "0.1.0"
edition.workspace = true
publish = false

[dependencies]
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
uuid = { version = "1", features = ["serde"] }
TOML
cat >"$out/decode/Cargo.toml" <<TOML
[package]
name = "peers-decode"
version = "0.1.0"
edition.workspace = true
publish = false

[dependencies]
graph-calls = { path = "$root/generated", default-features = false }
typify-calls = { path = "../types" }
serde = "1"
serde_json = "1"
TOML

for side in callgen typify; do
    case $side in
        callgen) module=graph_calls::models dependency="graph-calls = { path = \"$root/generated\", default-features = false }" ;;
        typify) module=typify_calls dependency='typify-calls = { path = "../types" }' ;;
    esac
    sed "s/GENERATED/$module/g" "$here/user/main.rs" >"$out/user-$side/src/main.rs"
    cat >"$out/user-$side/Cargo.toml" <<TOML
[package]
name = "user-$side"
version = "0.1.0"
edition.workspace = true
publish = false

[dependencies]
$dependency
serde_json = "1"
TOML
done

cd "$out"
cargo build --quiet -p peers-decode -p user-callgen -p user-typify   # every dependency, dev profile
declare -a cc ct bc bt
for _ in $(seq "$runs"); do
    for command in check build; do
        cargo clean --quiet -p graph-calls
        t=$(wall cargo "$command" -p graph-calls)
        [ "$command" = check ] && cc+=("$t") || bc+=("$t")
        cargo clean --quiet -p typify-calls
        t=$(wall cargo "$command" -p typify-calls)
        [ "$command" = check ] && ct+=("$t") || bt+=("$t")
    done
done

declare -a uc ut
for _ in $(seq "$runs"); do
    cargo clean --quiet -p graph-calls -p user-callgen
    uc+=("$(wall cargo build -p user-callgen)")
    cargo clean --quiet -p typify-calls -p user-typify
    ut+=("$(wall cargo build -p user-typify)")
done

cargo build --quiet --release -p peers-decode
decode=$("$CARGO_TARGET_DIR/release/peers-decode" "$out/call-payloads.json")

gen_c=$(median "${gc[@]}") gen_t=$(median "${gt[@]}")
check_c=$(median "${cc[@]}") check_t=$(median "${ct[@]}")
build_c=$(median "${bc[@]}") build_t=$(median "${bt[@]}")
user_c=$(median "${uc[@]}") user_t=$(median "${ut[@]}")
echo "$decode"
echo
echo "medians of $runs interleaved runs; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-40s %10s %10s %8s\n" "" callgen typify ratio
printf "%-40s %10s %10s %8s\n" "generation, CPU s (user+sys)" "$gen_c" "$gen_t" "$(ratio "$gen_c" "$gen_t")"
printf "%-40s %10s %10s %8s\n" "cargo check, deps built, wall s" "$check_c" "$check_t" "$(ratio "$check_c" "$check_t")"
printf "%-40s %10s %10s %8s\n" "cargo build, deps built, wall s" "$build_c" "$build_t" "$(ratio "$build_c" "$build_t")"
printf "%-40s %10s %10s %8s\n" "crate + user crate build, wall s" "$user_c" "$user_t" "$(ratio "$user_c" "$user_t")"
