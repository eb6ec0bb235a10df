"""Project definition for cdk-platform-patterns.

Every managed file (pyproject.toml, requirements*.txt, package.json, .gitignore, the
projen task list) is generated from this file: edit it, then run
``.venv/bin/python .projenrc.py`` (or ``npx projen``) to regenerate them.
"""

from __future__ import annotations

from projen import JsonFile, TomlFile
from projen.python import PythonProject

VERSION = "0.1.0"
LINE_WIDTH = 100
DESCRIPTION = (
    "AWS CDK v2 patterns: a hybrid EC2/Fargate ECS cluster, observable container "
    "services and a Cognito-protected AppSync API."
)

# Runtime dependencies: the only ones users get. The aws-cdk-lib floor is the release the
# suite runs on: older ones lack APIs the constructs use (granular cdk-nag acknowledgement
# ids are rejected by 2.257 to 2.266, for one), so a lower floor would be a promise
# nobody tests.
DEPS = [
    "aws-cdk-lib>=2.275,<3",
    "constructs>=10,<11",
    "graphql-core>=3.2,<4",
]

# Development dependencies, pinned so every machine and CI run the same tools.
DEV_DEPS = [
    "projen==0.104.17",
    "aws-cdk-lib==2.275.0",
    "constructs==10.8.1",
    "cdk-nag==3.0.2",
    "cfn-lint==1.58.0",
    "pytest==9.2.0",
    "pytest-xdist==3.8.0",
    "hypothesis==6.170.17",
    "ruff==0.17.6",
    "mypy==2.4.1",
    "griffe2md==1.5.1",
    "build==1.6.1",
    "twine==7.0.0",
    "check-wheel-contents==0.6.3",
    "graphql-core==3.3.2",
    "pyyaml==6.0.3",
]

# The CDK command-line tool is versioned apart from aws-cdk-lib.
NPM_DEV_DEPS = {
    "aws-cdk": "2.1148.1",
    # Lints the APPSYNC_JS resolver code the auth API ships.
    "eslint": "9.39.1",
    "@aws-appsync/eslint-plugin": "2.0.2",
    "@aws-appsync/utils": "2.1.1",
    "@typescript-eslint/parser": "8.74.0",
    "typescript": "5.9.3",
    # Compares synthesized templates with the golden ones (scripts/golden.py).
    "@aws-cdk/cloudformation-diff": "2.187.5",
    # Type-checks the public API from a user's point of view (test/typing/).
    "pyright": "1.1.414",
    # Draws docs/architecture.png from the example app's construct tree
    # (scripts/diagram.sh; needs Graphviz's dot).
    "cdk-dia": "0.12.3",
}

project = PythonProject(
    name="cdk-platform-patterns",
    module_name="cdk_platform_patterns",
    version=VERSION,
    description=DESCRIPTION,
    author_name="cdk-platform-patterns developers",
    author_email="maintainers@cdk-platform-patterns.dev",
    license="Apache-2.0",
    deps=DEPS,
    dev_deps=[d for d in DEV_DEPS if not d.startswith("projen==")],
    pip=True,
    venv=True,
    venv_options={"envdir": ".venv"},
    setuptools=False,
    poetry=False,
    uv=False,
    pytest=False,
    sample=False,
    github=False,
    readme={"filename": "README.md", "contents": "# cdk-platform-patterns\n"},
)

project.gitignore.exclude(
    "cdk.out/",
    "examples/cdk.out/",
    "dist/",
    ".ruff_cache/",
    ".mypy_cache/",
    ".bench/",
    ".setup-stamp",
)

TomlFile(
    project,
    "pyproject.toml",
    obj={
        "build-system": {"requires": ["hatchling>=1.25"], "build-backend": "hatchling.build"},
        "project": {
            "name": "cdk-platform-patterns",
            "version": VERSION,
            "description": DESCRIPTION,
            "readme": "README.md",
            "license": "Apache-2.0",
            "license-files": ["LICENSE"],
            "requires-python": ">=3.11",
            "authors": [{"name": "cdk-platform-patterns developers"}],
            "dependencies": DEPS,
            "optional-dependencies": {"nag": ["cdk-nag>=3,<4"]},
            "keywords": ["aws", "cdk", "ecs", "fargate", "appsync", "cognito", "constructs"],
            "classifiers": [
                "Development Status :: 3 - Alpha",
                "Framework :: AWS CDK",
                "Framework :: AWS CDK :: 2",
                "Intended Audience :: Developers",
                "Operating System :: OS Independent",
                "Programming Language :: Python :: 3",
                "Programming Language :: Python :: 3 :: Only",
                "Programming Language :: Python :: 3.11",
                "Programming Language :: Python :: 3.12",
                "Programming Language :: Python :: 3.13",
                "Topic :: System :: Systems Administration",
                "Typing :: Typed",
            ],
            "urls": {
                "Documentation": "https://github.com/cdk-platform-patterns/cdk-platform-patterns/blob/main/API.md",
                "Source": "https://github.com/cdk-platform-patterns/cdk-platform-patterns",
                "Issues": "https://github.com/cdk-platform-patterns/cdk-platform-patterns/issues",
            },
        },
        "tool": {
            "hatch": {
                "build": {
                    "targets": {
                        "wheel": {"packages": ["src/cdk_platform_patterns"]},
                        "sdist": {
                            "include": [
                                "src/",
                                "test/",
                                "examples/",
                                "README.md",
                                "API.md",
                                "CHANGELOG.md",
                                "LICENSE",
                            ],
                        },
                    }
                }
            },
            "ruff": {
                "line-length": LINE_WIDTH,
                "target-version": "py311",
                "src": ["src", "test"],
                "lint": {
                    "select": ["E", "F", "W", "I", "B", "UP", "N", "SIM", "RUF", "PT", "TID"],
                    "ignore": ["N999"],
                    # test/constructs/ would otherwise make the constructs package look
                    # like our own code to the import sorter.
                    "isort": {
                        "known-first-party": ["cdk_platform_patterns"],
                        "known-third-party": ["constructs", "aws_cdk"],
                    },
                },
            },
            "mypy": {
                "strict": True,
                "python_version": "3.11",
                "mypy_path": "src",
                "packages": ["cdk_platform_patterns"],
            },
            "pytest": {
                "ini_options": {
                    "testpaths": ["test"],
                    "addopts": "-ra --strict-markers",
                    "markers": [
                        "slow: synthesizes whole apps or runs external tools",
                    ],
                    "filterwarnings": ["error::DeprecationWarning:cdk_platform_patterns.*"],
                }
            },
        },
    },
)

JsonFile(
    project,
    "package.json",
    obj={
        "name": "cdk-platform-patterns-tools",
        "private": True,
        "description": "Node.js tools used to develop cdk-platform-patterns (not published).",
        "license": "Apache-2.0",
        "devDependencies": NPM_DEV_DEPS,
    },
    marker=False,
)

project.test_task.reset("pytest -n auto")

project.synth()
