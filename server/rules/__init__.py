"""What may change on a board and who may ask for what: the guard, the engines' rules,
dot votes, reactions and the charter's wording guard."""
