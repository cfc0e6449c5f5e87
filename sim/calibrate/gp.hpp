// A Gaussian-process emulator (Eigen) for calibration (govsim calibrate).
//
// Inputs are points of the unit hypercube (the free parameters scaled to their prior
// ranges), outputs one target each. The model: a constant mean plus a zero-mean process
// with an anisotropic squared-exponential covariance and a nugget (the replicate noise
// of a stochastic simulator),
//   cov(x, x') = s2 (exp(-1/2 sum_i ((x_i - x'_i) / l_i)^2) + g [x = x']),
// with the mean estimated by generalised least squares and s2 profiled out of the
// likelihood; the length scales l and the nugget g maximise the profile likelihood
// (Nelder-Mead over their logarithms, from a few starts). Predictions give a mean and a
// variance (the process's, without the nugget: what the simulator's expected output
// could be); leave-one-out predictions come in closed form from the inverse covariance.
#pragma once
#include <Eigen/Dense>
#include <utility>

namespace govsim::calibrate {

class GaussianProcess {
 public:
  // Fits to n points (rows of x, in [0,1]^d) and their outputs y (n >= 3).
  void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);
  // Mean and variance of the expected output at a point.
  std::pair<double, double> predict(const Eigen::VectorXd& x) const;
  // Leave-one-out mean and variance at each design point (the nugget included: a held-out run's output).
  std::pair<Eigen::VectorXd, Eigen::VectorXd> leave_one_out() const;

  const Eigen::VectorXd& length_scales() const { return length_; }
  double signal_variance() const { return s2_; }
  double nugget() const { return nugget_; }
  double mean() const { return mean_; }
  double log_likelihood() const { return loglik_; }

 private:
  // The profile log likelihood at log length scales and log nugget (theta: d + 1 values).
  double profile(const Eigen::VectorXd& theta) const;
  void set(const Eigen::VectorXd& theta);
  Eigen::MatrixXd correlation(const Eigen::VectorXd& length, double nugget) const;

  Eigen::MatrixXd x_;
  Eigen::VectorXd y_, length_, alpha_;  // alpha = C^-1 (y - mean)
  Eigen::MatrixXd cinv_;                // C^-1 (correlation with nugget)
  double mean_ = 0, s2_ = 1, nugget_ = 1e-6, loglik_ = 0, scale_ = 1, centre_ = 0;
};

}  // namespace govsim::calibrate
