"""What the linter knows about the sync libraries of CI runners, release scripts and batch jobs: GitPython, dulwich
and pygit2, the GitLab, GitHub, Jenkins and Atlassian (Jira, Confluence, Bitbucket) API clients, Prometheus' Pushgateway,
ansible-runner, pexpect, etcd3, netmiko and ncclient (NETCONF), Alembic's command API, invoke, python-on-whales (the
docker CLI), python-terraform, Pulumi's Automation API, plumbum's commands, and the APIs of hosting and
virtualisation: Hetzner Cloud, DigitalOcean (pydo), Linode, Proxmox (proxmoxer), libvirt, OpenStack, NAPALM and
Cloudflare's sync client.

Each call listed here waits on the calling thread: for a `git` or `ansible-playbook` child process (ACK104), for
an HTTP API (ACK102), for a git remote (dulwich and pygit2 speak its protocol themselves), an etcd server over
gRPC, a network device over SSH or telnet, or the database a migration runs against (ACK105), for a repository's
files or the migration scripts on disk (ACK103). knowledge.py merges these tables into its own; the names follow
its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

GIT_REPO = "git.Repo"
GIT_REMOTE = "git.Remote"
GIT_CMD = "git.Git"
# `repo.remotes.origin`: the list of a repository's remotes, whose attributes are remotes by name (GitPython's
# IterableList, named here for this use only: its other lists hold branches and tags)
GIT_REMOTES = "git.Repo.remotes"
GITLAB = "gitlab.Gitlab"
GITHUB = "github.Github"
# PyGithub's objects (a repository, an issue, a pull request, an organization, a user): each method is a request
# (`get_issue(n)` fetches it, `get_pulls()` pages through the list as it is read, `add_to_labels(...)` posts)
_GITHUB_OBJECTS = {kind: f"github.{kind}.{kind}" for kind in (
    "Repository", "Issue", "PullRequest", "Organization", "NamedUser", "AuthenticatedUser", "Commit", "Team")}
# gidgethub's API object (its aiohttp, httpx and tornado flavours share the abstract class): each call is a
# coroutine function, but `getiter()`, an async generator
GIDGETHUB = "gidgethub.abc.GitHubAPI"
JENKINS = "jenkins.Jenkins"
# Jira's client (the `jira` package): every public method is a REST request but for these, which read what the
# client was made with; an issue it hands back is a resource whose `update()` and `delete()` are requests too (its
# `fields` were fetched with it)
JIRA = "jira.JIRA"
_JIRA_LOCAL = frozenset({"client_info", "server_url", "find", "close", "options", "session", "sys_version_info",
                         "AGILE_BASE_URL", "JIRA_BASE_URL", "DEFAULT_OPTIONS", "checked_version"})
JIRA_ISSUE = "jira.resources.Issue"
# atlassian-python-api's clients share one REST base (a requests session): every public method is a request
# but for what the client was made with and the URL helpers
_ATLASSIAN = ("Jira", "Confluence", "Bitbucket", "ServiceDesk", "Bamboo", "Xray", "Crowd", "Insight", "Portfolio")
_ATLASSIAN_LOCAL = frozenset({"url", "session", "close", "resource_url", "url_joiner", "username", "password",
                              "api_version", "api_root", "timeout", "verify_ssl", "cloud", "log_curl_debug",
                              "default_headers", "experimental_headers", "form_token_headers", "no_check_headers",
                              "safe_mode_headers", "response"})
PEXPECT = "pexpect.spawn"
ETCD = "etcd3.Etcd3Client"
# netmiko's connection to a switch or router (a paramiko or telnet session driven by reading up to the prompt)
NETMIKO = "netmiko.BaseConnection"
# ncclient's NETCONF session: connecting runs the SSH (or TLS) handshake and the hello exchange, and each RPC
# (`get_config`, `edit_config`, `commit`, `dispatch`, a lock) waits for the device's reply
NCCLIENT = "ncclient.manager.Manager"
_NCCLIENT_CONNECTS = ("connect", "connect_ssh", "connect_tls", "connect_uds", "connect_ioproc")
_NCCLIENT_LOCAL = frozenset(
    "client_capabilities server_capabilities session_id connected timeout async_mode raise_mode huge_tree "
    "channel_id channel_name session".split())
# invoke's task context (what a task is handed, and what fabric's Connection builds on for `local()`)
INVOKE_CONTEXT = "invoke.Context"
# python-on-whales drives the `docker` CLI: each method, through its namespaces (`docker.compose.up()`,
# `client.image.pull(...)`), runs `docker ...` as a child process and waits for it
DOCKER_CLIENT = "python_on_whales.DockerClient"
_DOCKER_SETTINGS = frozenset({"client_config"})
# python-terraform's wrapper: each method (and any other name, `tf.validate()`, through its `__getattr__`) runs
# `terraform ...` as a child process and waits for it; `generate_cmd_string` only builds the command line
TERRAFORM = "python_terraform.Terraform"
# Pulumi's Automation API drives the `pulumi` CLI: selecting or creating a stack runs it, and so does each
# operation of the stack it gives (`stack.up()` waits for the whole deployment); `name` and `workspace` are its own
PULUMI_STACK = "pulumi.automation.Stack"
_PULUMI_STACK_MAKERS = ("create_stack", "select_stack", "create_or_select_stack")
# a plumbum command (`local["git"]`, `local["git"]["describe"]`): calling it, or `run`, runs the program and waits
PLUMBUM_COMMAND = "plumbum.commands.base.BaseCommand"

# Hosting APIs whose every method reached through the client's namespaces is a request (`client.servers.get_all()`,
# `client.droplets.list()`, `client.linode.instances()`, `cf.dns.records.list(...)`, `conn.compute.servers()`).
HOSTING_CLIENTS = ("hcloud.Client", "pydo.Client", "linode_api4.LinodeClient", "cloudflare.Cloudflare",
                   "openstack.connection.Connection")
_HOSTING_SETTINGS = frozenset({"token", "api_token", "api_email", "api_key", "base_url", "timeout", "poll_interval",
                               "application_name", "application_version", "user_service_key", "config",
                               "session", "auth", "max_retries", "default_headers", "with_options", "close"})
# proxmoxer: a resource path is built by attributes and calls (`proxmox.nodes(node).qemu(vmid).status.current`)
# without a request; its verbs send it
PROXMOX = "proxmoxer.ProxmoxAPI"
_PROXMOX_VERBS = ("get", "post", "put", "delete", "create", "set")
# libvirt: a connection to the daemon, each call of which is a round trip to it
LIBVIRT = "libvirt.virConnect"
# NAPALM: the driver class `get_network_driver(name)` gives connects to the device when opened (or entered), and
# each getter runs commands over that session
NAPALM_DRIVER = "napalm.base.NetworkDriver"

# dulwich's porcelain: git's commands in pure Python, each reading and writing the repository's files, those
# that reach a remote over its network protocol too
_DULWICH_REMOTE = "clone pull push fetch ls_remote"
_DULWICH_LOCAL = ("init add rm commit status log show diff_tree tag_create tag_list branch_create branch_list "
                  "checkout_branch reset archive stash_push stash_pop")
# pygit2 (libgit2): opening or cloning a repository, walking its history, reading its working tree's status and
# checking out read and write the object database and the files
PYGIT2_REPO = "pygit2.Repository"
_PYGIT2_LOCAL = "walk status checkout checkout_head checkout_tree create_commit merge reset stash"

CANONICAL: Dict[str, str] = {
    "pygit2.repository.Repository": PYGIT2_REPO,
    "git.repo.base.Repo": GIT_REPO, "git.repo.Repo": GIT_REPO,
    "git.remote.Remote": GIT_REMOTE,
    "git.cmd.Git": GIT_CMD,
    "gitlab.client.Gitlab": GITLAB,
    "github.MainClass.Github": GITHUB,
    "hcloud._client.Client": "hcloud.Client", "linode_api4.linode_client.LinodeClient": "linode_api4.LinodeClient",
    "cloudflare._client.Cloudflare": "cloudflare.Cloudflare", "proxmoxer.core.ProxmoxAPI": PROXMOX,
    "napalm.base.base.NetworkDriver": NAPALM_DRIVER, "napalm.base.get_network_driver": "napalm.get_network_driver",
    "jira.client.JIRA": JIRA, "jira.resources.Issue": JIRA_ISSUE,
    **{f"atlassian.{kind.lower()}.{kind}": f"atlassian.{kind}" for kind in _ATLASSIAN},
    **{f"gidgethub.{flavour}.GitHubAPI": GIDGETHUB for flavour in ("aiohttp", "httpx", "tornado", "sansio")},
    **{f"prometheus_client.exposition.{f}": f"prometheus_client.{f}"
       for f in ("push_to_gateway", "pushadd_to_gateway", "delete_from_gateway")},
    "ansible_runner.interface.run": "ansible_runner.run",
    "ansible_runner.interface.run_command": "ansible_runner.run_command",
    "pexpect.pty_spawn.spawn": PEXPECT,
    "etcd3.client.Etcd3Client": ETCD,
    "netmiko.ssh_dispatcher.ConnectHandler": "netmiko.ConnectHandler", "netmiko.Netmiko": "netmiko.ConnectHandler",
    "netmiko.base_connection.BaseConnection": NETMIKO,
    "invoke.context.Context": INVOKE_CONTEXT,
    "python_on_whales.docker_client.DockerClient": DOCKER_CLIENT,
    "pulumi.automation._stack.Stack": PULUMI_STACK,
    **{f"pulumi.automation._local_workspace.{maker}": f"pulumi.automation.{maker}" for maker in _PULUMI_STACK_MAKERS},
    "plumbum.machines.local.local": "plumbum.local", "plumbum.machines.local.LocalCommand": PLUMBUM_COMMAND,
    "plumbum.commands.BaseCommand": PLUMBUM_COMMAND,
    **{f"invoke.runners.{f}": f"invoke.{f}" for f in ("run", "sudo")},
}

_METHODS: Tuple[Tuple[str, str, str], ...] = (
    # each runs `git` as a child process and waits for it
    (GIT_REPO, "ACK104", "clone_from clone init is_dirty archive"),
    (GIT_REMOTE, "ACK104", "fetch pull push update"),
    # PyGithub: these fetch at once (`get_user()` with no login is lazy, so it stays out)
    (GITHUB, "ACK102", "get_repo get_organization get_repos get_organizations get_users get_gist search_repositories "
                       "search_issues search_code search_users search_commits search_topics get_rate_limit "
                       "get_emojis get_license get_licenses render_markdown"),
    (PLUMBUM_COMMAND, "ACK104", "__call__ run run_fg run_tee run_tf run_retcode"),
    (JIRA_ISSUE, "ACK102", "update delete add_field_value"),
    # pexpect waits for the child's output (unless `async_=True`, which makes these coroutines)
    (PEXPECT, "ACK104", "expect expect_exact expect_list read readline wait interact"),
    (ETCD, "ACK105", "get get_prefix get_range get_all put put_if_not_exists replace delete delete_prefix status "
                     "lease revoke_lease refresh_lease get_lease_info transaction watch watch_prefix watch_once "
                     "watch_prefix_once add_watch_callback cancel_watch compact members add_member remove_member "
                     "update_member defragment hash"),
    # each sends to the device and reads its channel until the prompt comes back (or the read timeout)
    (NETMIKO, "ACK105", "send_command send_command_timing send_command_expect send_config_set "
                        "send_config_from_file send_multiline send_multiline_timing save_config commit enable "
                        "exit_enable_mode config_mode exit_config_mode check_config_mode find_prompt set_base_prompt "
                        "read_until_prompt read_until_pattern read_channel_timing establish_connection "
                        "session_preparation disconnect cleanup"),
)
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"dulwich.porcelain.{f}": "ACK105" for f in _DULWICH_REMOTE.split()},
    **{f"dulwich.porcelain.{f}": "ACK103" for f in _DULWICH_LOCAL.split()},
    "pygit2.clone_repository": "ACK105",
    **{f"pygit2.{f}": "ACK103" for f in ("init_repository", "discover_repository")},
    **{f"{PYGIT2_REPO}.{m}": "ACK103" for m in _PYGIT2_LOCAL.split()},
    **{f"pulumi.automation.{maker}": "ACK104" for maker in _PULUMI_STACK_MAKERS},
    **{f"{PULUMI_STACK}.{maker}": "ACK104" for maker in ("create", "select", "create_or_select")},
    **{f"{kind}.{m}": code for kind, code, methods in _METHODS for m in methods.split()},
    **{f"prometheus_client.{f}": "ACK102" for f in ("push_to_gateway", "pushadd_to_gateway", "delete_from_gateway")},
    # both run `ansible-playbook` (or the command) and wait for it; `run_async` hands it to a thread
    "ansible_runner.run": "ACK104",
    "ansible_runner.run_command": "ACK104",
    # starting the child forks and execs it, as `subprocess.Popen(...)` does
    PEXPECT: "ACK104",
    "pexpect.run": "ACK104",
    # made, the client asks the server for its version (unless told `get_server_info=False`)
    JIRA: "ACK102",
    # connects, logs in and reads the device's first prompt before it returns the connection
    "netmiko.ConnectHandler": "ACK105",
    **{f"{PROXMOX}.{verb}": "ACK102" for verb in _PROXMOX_VERBS},
    **{f"libvirt.{f}": "ACK105" for f in ("open", "openReadOnly", "openAuth")},
    **{f"ncclient.manager.{f}": "ACK105" for f in _NCCLIENT_CONNECTS},
    # each runs a shell command in a child process and waits for it (with `asynchronous=True` it still starts
    # the child here, as `subprocess.Popen(...)` does)
    **{f"{INVOKE_CONTEXT}.{m}": "ACK104" for m in ("run", "sudo")},
    "invoke.run": "ACK104", "invoke.sudo": "ACK104",
    # each runs the project's env.py, which connects to the database and runs the migrations on it; the sync
    # API also when env.py is async (it then calls `asyncio.run()`, which fails on a running loop)
    **{f"alembic.command.{f}": "ACK105" for f in ("upgrade", "downgrade", "stamp", "current", "check",
                                                   "ensure_version")},
    # these read (or write) the revision scripts of the migration directory
    **{f"alembic.command.{f}": "ACK103" for f in ("revision", "merge", "history", "heads", "branches", "show",
                                                   "init", "edit")},
}
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    **{f"{PEXPECT}.{m}": (((position, "async_", "true"),),)
       for m, position in (("expect", 3), ("expect_exact", 3), ("expect_list", 3))},
    JIRA: (((-1, "get_server_info", "false"),),),
}
# Clients whose every public method, through their namespaces (`gl.projects.get(...)`), is a request; the git
# command wrapper, every attribute of which runs that git subcommand (`repo.git.checkout("main")`).
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    GITLAB: ("ACK102", frozenset({"enable_debug", "from_config", "merge_config"})),
    JENKINS: ("ACK102", frozenset()),
    JIRA: ("ACK102", _JIRA_LOCAL),
    **{f"atlassian.{kind}": ("ACK102", _ATLASSIAN_LOCAL) for kind in _ATLASSIAN},
    NCCLIENT: ("ACK105", _NCCLIENT_LOCAL),
    DOCKER_CLIENT: ("ACK104", _DOCKER_SETTINGS),
    TERRAFORM: ("ACK104", frozenset({"generate_cmd_string", "read_state_file"})),
    **{kind: ("ACK102", _HOSTING_SETTINGS) for kind in HOSTING_CLIENTS},
    LIBVIRT: ("ACK105", frozenset()),
    NAPALM_DRIVER: ("ACK105", frozenset({"hostname", "username", "password", "timeout", "optional_args"})),
    PULUMI_STACK: ("ACK104", frozenset({"name", "workspace"})),
    **{kind: ("ACK102", frozenset({"raw_data", "raw_headers", "etag", "last_modified"}))
       for kind in _GITHUB_OBJECTS.values()},
    GIT_CMD: ("ACK104", frozenset({"update_environment", "custom_environment", "set_persistent_git_options",
                                   "refresh", "polish_url", "is_cygwin"})),
}
_GITLAB_SETTINGS = frozenset(
    "url api_url api_version timeout private_token oauth_token job_token ssl_verify session headers per_page "
    "pagination order_by retry_transient_errors keep_base_url user".split()
)
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    GITLAB: (GITLAB, _GITLAB_SETTINGS),
    GIT_REMOTES: (GIT_REMOTE, frozenset()),
    DOCKER_CLIENT: (DOCKER_CLIENT, _DOCKER_SETTINGS),
    **{kind: (kind, _HOSTING_SETTINGS) for kind in HOSTING_CLIENTS},
    PROXMOX: (PROXMOX, frozenset()),
}
# a Proxmox resource's calls give the resource (`nodes(node)`), but its verbs
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {PROXMOX: frozenset(_PROXMOX_VERBS)}
# `proxmox.nodes(node)`: calling a resource path gives the path one level down
CALL_RETURNS: Dict[str, str] = {PROXMOX: PROXMOX}
# `get_network_driver("eos")`: the driver class, whose instances connect when opened
CLASS_RETURNS: Dict[str, str] = {"napalm.get_network_driver": NAPALM_DRIVER}
BLOCKING_ENTER: Dict[str, str] = {NAPALM_DRIVER: "ACK105"}
# `local["git"]`: the command of that program
REGISTRY_ITEMS: Dict[str, str] = {"plumbum.local": PLUMBUM_COMMAND}
# Objects and modules whose every attribute path is a program run to completion when called (see
# knowledge.COMMAND_MODULES): python-on-whales' ready-made client (`from python_on_whales import docker`), plumbum's
# command modules (`from plumbum.cmd import git`, `local.cmd.git`); with what is no command there.
_PLUMBUM_BUILDERS = frozenset({"formulate", "bound_command", "with_env", "with_cwd", "setenv"})
COMMAND_MODULES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    "python_on_whales.docker": ("ACK104", _DOCKER_SETTINGS),
    "plumbum.cmd": ("ACK104", _PLUMBUM_BUILDERS),
    "plumbum.local.cmd": ("ACK104", _PLUMBUM_BUILDERS),
}
PROPERTIES: Dict[str, str] = {f"{GIT_REPO}.git": GIT_CMD, f"{GIT_REPO}.remotes": GIT_REMOTES}
RETURNS: Dict[str, str] = {
    **{name: name for name in (GIT_REPO, GITLAB, GITHUB, JENKINS, PEXPECT, INVOKE_CONTEXT, DOCKER_CLIENT, TERRAFORM,
                               JIRA)},
    **{f"atlassian.{kind}": f"atlassian.{kind}" for kind in _ATLASSIAN},
    **{f"{JIRA}.{m}": JIRA_ISSUE for m in ("issue", "create_issue")},
    f"{GIT_REPO}.clone_from": GIT_REPO,
    **{kind: kind for kind in (*HOSTING_CLIENTS, PROXMOX)},
    "openstack.connect": "openstack.connection.Connection",
    **{f"libvirt.{f}": LIBVIRT for f in ("open", "openReadOnly", "openAuth")},
    **{name: PYGIT2_REPO for name in (PYGIT2_REPO, "pygit2.clone_repository", "pygit2.init_repository")},
    **{f"pulumi.automation.{maker}": PULUMI_STACK for maker in _PULUMI_STACK_MAKERS},
    **{f"{PULUMI_STACK}.{maker}": PULUMI_STACK for maker in ("create", "select", "create_or_select")},
    f"{GIT_REPO}.init": GIT_REPO,
    f"{GIT_REPO}.remote": GIT_REMOTE,
    "etcd3.client": ETCD,
    "netmiko.ConnectHandler": NETMIKO,
    **{f"ncclient.manager.{f}": NCCLIENT for f in _NCCLIENT_CONNECTS},
    NCCLIENT: NCCLIENT,
    f"{GITHUB}.get_repo": _GITHUB_OBJECTS["Repository"],
    f"{GITHUB}.get_organization": _GITHUB_OBJECTS["Organization"],
    **{f"{_GITHUB_OBJECTS['Organization']}.{m}": _GITHUB_OBJECTS["Repository"] for m in ("get_repo", "create_repo")},
    **{f"{_GITHUB_OBJECTS['Repository']}.{m}": _GITHUB_OBJECTS["Issue"] for m in ("get_issue", "create_issue")},
    **{f"{_GITHUB_OBJECTS['Repository']}.{m}": _GITHUB_OBJECTS["PullRequest"] for m in ("get_pull", "create_pull")},
    f"{_GITHUB_OBJECTS['Repository']}.get_commit": _GITHUB_OBJECTS["Commit"],
    f"{_GITHUB_OBJECTS['Organization']}.get_team": _GITHUB_OBJECTS["Team"],
}
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {GIDGETHUB: frozenset({"getiter"})}
