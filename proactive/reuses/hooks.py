"""How the lower apps learn of this part, through their registries."""


def register() -> None:
    pass
