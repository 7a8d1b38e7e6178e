package dev.braintrust.spring.eval.scorers;

import java.util.Arrays;

/**
 * Optimal one-to-one assignment on a rectangular matrix (what SciPy's
 * {@code linear_sum_assignment} solves): the Hungarian method with potentials and
 * shortest augmenting paths (Jonker-Volgenant style), O(n²m) for an n×m matrix with n ≤
 * m. Every row of the smaller side is assigned.
 *
 * @author Braintrust
 */
final class LinearSumAssignment {

	private LinearSumAssignment() {
	}

	/**
	 * The assignment that maximizes the total weight.
	 * @param weights an n×m matrix (n, m ≥ 1) of finite numbers
	 * @return for each row, the assigned column, or -1 when the row has none (more rows
	 * than columns)
	 */
	static int[] maximize(double[][] weights) {
		int rows = weights.length;
		int columns = weights[0].length;
		double[][] cost = new double[rows][columns];
		for (int i = 0; i < rows; i++) {
			for (int j = 0; j < columns; j++) {
				cost[i][j] = -weights[i][j];
			}
		}
		if (rows <= columns) {
			return minimize(cost);
		}
		int[] byColumn = minimize(transpose(cost));
		int[] byRow = new int[rows];
		Arrays.fill(byRow, -1);
		for (int column = 0; column < byColumn.length; column++) {
			byRow[byColumn[column]] = column;
		}
		return byRow;
	}

	private static double[][] transpose(double[][] matrix) {
		double[][] result = new double[matrix[0].length][matrix.length];
		for (int i = 0; i < matrix.length; i++) {
			for (int j = 0; j < matrix[0].length; j++) {
				result[j][i] = matrix[i][j];
			}
		}
		return result;
	}

	/**
	 * Minimum-cost assignment of every row, for rows ≤ columns. Indices are 1-based
	 * inside (row and column 0 are the virtual start of each augmenting path).
	 */
	private static int[] minimize(double[][] cost) {
		int n = cost.length;
		int m = cost[0].length;
		double[] u = new double[n + 1];
		double[] v = new double[m + 1];
		int[] rowOfColumn = new int[m + 1];
		int[] way = new int[m + 1];
		for (int row = 1; row <= n; row++) {
			rowOfColumn[0] = row;
			int column0 = 0;
			double[] minSlack = new double[m + 1];
			boolean[] used = new boolean[m + 1];
			Arrays.fill(minSlack, Double.POSITIVE_INFINITY);
			do {
				used[column0] = true;
				int row0 = rowOfColumn[column0];
				double delta = Double.POSITIVE_INFINITY;
				int column1 = 0;
				for (int j = 1; j <= m; j++) {
					if (!used[j]) {
						double slack = cost[row0 - 1][j - 1] - u[row0] - v[j];
						if (slack < minSlack[j]) {
							minSlack[j] = slack;
							way[j] = column0;
						}
						if (minSlack[j] < delta) {
							delta = minSlack[j];
							column1 = j;
						}
					}
				}
				for (int j = 0; j <= m; j++) {
					if (used[j]) {
						u[rowOfColumn[j]] += delta;
						v[j] -= delta;
					}
					else {
						minSlack[j] -= delta;
					}
				}
				column0 = column1;
			}
			while (rowOfColumn[column0] != 0);
			do {
				int column1 = way[column0];
				rowOfColumn[column0] = rowOfColumn[column1];
				column0 = column1;
			}
			while (column0 != 0);
		}
		int[] assignment = new int[n];
		for (int j = 1; j <= m; j++) {
			if (rowOfColumn[j] != 0) {
				assignment[rowOfColumn[j] - 1] = j - 1;
			}
		}
		return assignment;
	}

}
