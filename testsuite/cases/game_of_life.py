# whitespace: exact
# Conway's game of life on a bounded int64 grid, neighbour counts from eight shifted views.
import numpy as np

n = 12
board = np.zeros((n, n), dtype=np.int64)
board[1, 2] = 1
board[2, 3] = 1
board[3, 1] = 1
board[3, 2] = 1
board[3, 3] = 1
board[8, 7] = 1
board[8, 8] = 1
board[8, 9] = 1

for gen in range(12):
    nb = np.zeros((n, n), dtype=np.int64)
    nb[1:-1, 1:-1] = (board[:-2, :-2] + board[:-2, 1:-1] + board[:-2, 2:] +
                      board[1:-1, :-2] + board[1:-1, 2:] +
                      board[2:, :-2] + board[2:, 1:-1] + board[2:, 2:])
    alive = board == 1
    born = (nb == 3) & ~alive
    survive = alive & ((nb == 2) | (nb == 3))
    board = np.where(born | survive, 1, 0)
    if gen % 4 == 3:
        print("generation", gen + 1, "population", np.sum(board))
print(board)
