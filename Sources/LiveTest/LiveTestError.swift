/// Why a live test could not start: each case says what to do about it.
///
/// ```swift
/// LiveTestError.noPython.description   // "no python3 on PATH: install Python 3.10 or later, or set INFERMATRIX_PYTHON"
/// ```
public enum LiveTestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Neither `INFERMATRIX_PYTHON`, nor a prepared environment, nor `python3` on `PATH`.
    case noPython
    /// `INFERMATRIX_PYTHON` names a file that cannot be run.
    /// The Python a variable names is not an executable file (`variable`: which one).
    case pythonNotExecutable(String, variable: String = HarnessEnvironment.pythonVariable)
    /// No directory holding the `harness/` package was found.
    case harnessNotFound(searched: [String])
    /// `scripts/setup-harness.sh` failed; its exit status and last lines.
    case setupFailed(status: String, lastLines: [String])
    /// The Ray driver could not start or reach its cluster; the text names the address and why.
    case rayUnavailable(String)

    public var description: String {
        switch self {
        case .noPython:
            return "no python3 on PATH: install Python 3.10 or later, or set INFERMATRIX_PYTHON to a Python with torch and transformers"
        case .pythonNotExecutable(let path, let variable):
            return "\(variable)=\(path) is not an executable file"
        case .harnessNotFound(let searched):
            return "cannot find the harness (a directory with harness/__main__.py); set INFERMATRIX_HARNESS_DIR. Searched: "
                + searched.joined(separator: ", ")
        case .setupFailed(let status, let lastLines):
            return "preparing the harness environment failed (\(status)):\n" + lastLines.joined(separator: "\n")
        case .rayUnavailable(let why):
            return why
        }
    }
}
