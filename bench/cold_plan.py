#!/usr/bin/env python3
"""Times cold `roster plan` runs, start-up included, as a CI job runs them.

Writes a manifest of N people, each with an account on four platforms (Chatwoot, Keitaro, Keepnet,
EngageLab), serves the sandboxes with a fixed latency in a process of their own, creates every
account with one apply, then runs `roster plan -v` several times and prints, per run, the wall time
and when the first request went out (from the `-v` lines: each names its time, so the first request
left at its line's arrival less that time).

  bench/cold_plan.py --people 2000 --latency 20 --runs 5 [--roster ./roster] [--other ../before/roster]

With --other, the runs alternate between the two launchers (this machine's speed drifts).
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time

PROVIDERS = """version: 1
providers:
  support:
    type: chatwoot
    url: ${env:ROSTER_SANDBOX}/chatwoot
    accountId: 1
    apiToken: ${env:CHATWOOT_API_TOKEN}
  tracker:
    type: keitaro
    url: ${env:ROSTER_SANDBOX}/keitaro
    apiKey: ${env:KEITARO_API_KEY}
  phishing:
    type: keepnet
    url: ${env:ROSTER_SANDBOX}/keepnet
    clientId: ${env:KEEPNET_CLIENT_ID}
    clientSecret: ${env:KEEPNET_CLIENT_SECRET}
  marketing:
    type: engagelab
    url: ${env:ROSTER_SANDBOX}/engagelab
    apiKey: ${env:ENGAGELAB_API_KEY}
    apiSecret: ${env:ENGAGELAB_API_SECRET}
    state: marketing-state.json
users:
"""

REQUEST = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE) .* in (\d+) ms")


def plan(roster, directory, env):
    start = time.monotonic()
    proc = subprocess.Popen([roster, "plan", "-v", "-f", "roster.yaml"], cwd=directory, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    first = None
    for line in proc.stderr:
        match = REQUEST.search(line)
        if match and first is None:
            first = time.monotonic() - start - int(match.group(2)) / 1000
    code = proc.wait()
    return time.monotonic() - start, first, code


def main():
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--people", type=int, default=2000)
    args.add_argument("--latency", type=int, default=20)
    args.add_argument("--runs", type=int, default=5)
    args.add_argument("--port", type=int, default=8931)
    args.add_argument("--roster", default=os.path.join(os.path.dirname(__file__), "..", "roster"))
    args.add_argument("--other", help="a second launcher to alternate with")
    a = args.parse_args()
    directory = tempfile.mkdtemp(prefix="roster-cold-")
    sandbox = None
    try:
        with open(os.path.join(directory, "roster.yaml"), "w") as f:
            f.write(PROVIDERS)
            for i in range(a.people):
                f.write(f"  person{i}: {{email: person{i}@example.com, name: Person Number{i}, "
                        "accounts: {support: {}, tracker: {}, phishing: {}, marketing: {}}}\n")
        sandbox = subprocess.Popen([a.roster, "sandbox", "--empty", "--latency", str(a.latency), "--port", str(a.port)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        env = dict(os.environ)
        for line in sandbox.stdout:
            exported = re.match(r"export (\w+)=(\S+)", line.strip())
            if exported:
                env[exported.group(1)] = exported.group(2).strip("'\"")
            if line.startswith("Then:"):
                break
        started = time.monotonic()
        subprocess.run([a.roster, "apply", "--auto-approve", "-f", "roster.yaml"], cwd=directory, env=env,
                       stdout=subprocess.DEVNULL, check=True)
        print(f"{a.people} people x 4 platforms at {a.latency} ms: created in {time.monotonic() - started:.1f} s")
        launchers = [a.roster] + ([a.other] if a.other else [])
        results = {r: [] for r in launchers}
        for run in range(a.runs):
            for roster in launchers:
                wall, first, code = plan(roster, directory, env)
                results[roster].append((wall, first))
                print(f"  {roster}: run {run + 1}: {wall:.2f} s, first request at +{first:.2f} s, exit {code}")
        for roster, runs in results.items():
            print(f"{roster}: median {statistics.median(w for w, _ in runs):.2f} s, "
                  f"first request at +{statistics.median(f for _, f in runs):.2f} s (median of {len(runs)})")
    finally:
        if sandbox:
            sandbox.terminate()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
