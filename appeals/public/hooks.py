"""How appeals.public hooks into the lower apps (registries, signals): called once from AppealsConfig.ready."""


def register() -> None:
    pass
