#include "calibrate/gp.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace govsim::calibrate {

namespace {
// Nelder-Mead minimisation of f from x0 with initial step `step` (a few hundred evaluations at most).
template <class F>
Eigen::VectorXd nelder_mead(F&& f, Eigen::VectorXd x0, double step, int max_eval) {
  const Eigen::Index n = x0.size();
  std::vector<Eigen::VectorXd> p(static_cast<size_t>(n + 1), x0);
  std::vector<double> v(static_cast<size_t>(n + 1));
  for (Eigen::Index i = 0; i < n; ++i) p[static_cast<size_t>(i + 1)][i] += step;
  for (size_t i = 0; i < p.size(); ++i) v[i] = f(p[i]);
  int evals = static_cast<int>(p.size());
  while (evals < max_eval) {
    std::vector<size_t> order(p.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    const size_t best = order.front(), worst = order.back(), second = order[order.size() - 2];
    if (std::abs(v[worst] - v[best]) < 1e-7 * (1 + std::abs(v[best]))) break;
    Eigen::VectorXd centre = Eigen::VectorXd::Zero(n);
    for (size_t i = 0; i < p.size(); ++i)
      if (i != worst) centre += p[i];
    centre /= static_cast<double>(n);
    const Eigen::VectorXd refl = centre + (centre - p[worst]);
    const double fr = f(refl);
    ++evals;
    if (fr < v[best]) {
      const Eigen::VectorXd exp = centre + 2 * (centre - p[worst]);
      const double fe = f(exp);
      ++evals;
      if (fe < fr)
        p[worst] = exp, v[worst] = fe;
      else
        p[worst] = refl, v[worst] = fr;
    } else if (fr < v[second]) {
      p[worst] = refl, v[worst] = fr;
    } else {
      const Eigen::VectorXd con = centre + 0.5 * (p[worst] - centre);
      const double fc = f(con);
      ++evals;
      if (fc < v[worst]) {
        p[worst] = con, v[worst] = fc;
      } else {  // shrink towards the best
        for (size_t i = 0; i < p.size(); ++i)
          if (i != best) p[i] = p[best] + 0.5 * (p[i] - p[best]), v[i] = f(p[i]), ++evals;
      }
    }
  }
  size_t best = 0;
  for (size_t i = 1; i < p.size(); ++i)
    if (v[i] < v[best]) best = i;
  return p[best];
}
}  // namespace

Eigen::MatrixXd GaussianProcess::correlation(const Eigen::VectorXd& length, double nugget) const {
  const Eigen::Index n = x_.rows();
  Eigen::MatrixXd c(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    c(i, i) = 1 + nugget;
    for (Eigen::Index j = 0; j < i; ++j) {
      const double q = ((x_.row(i) - x_.row(j)).transpose().array() / length.array()).square().sum();
      c(i, j) = c(j, i) = std::exp(-0.5 * q);
    }
  }
  return c;
}

double GaussianProcess::profile(const Eigen::VectorXd& theta) const {
  const Eigen::Index d = x_.cols(), n = x_.rows();
  // bounds: length scales 0.02 .. 50 (of the unit range), nugget 1e-8 .. 1 (of the signal)
  for (Eigen::Index i = 0; i < d; ++i)
    if (theta[i] < std::log(0.02) || theta[i] > std::log(50.0)) return std::numeric_limits<double>::infinity();
  if (theta[d] < std::log(1e-8) || theta[d] > 0) return std::numeric_limits<double>::infinity();
  const Eigen::LLT<Eigen::MatrixXd> llt(correlation(theta.head(d).array().exp(), std::exp(theta[d])));
  if (llt.info() != Eigen::Success) return std::numeric_limits<double>::infinity();
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd ci1 = llt.solve(ones), ciy = llt.solve(y_);
  const double mu = ones.dot(ciy) / ones.dot(ci1);
  const Eigen::VectorXd r = y_ - mu * ones;
  const double s2 = std::max(1e-300, r.dot(llt.solve(r)) / static_cast<double>(n));
  const double logdet = 2 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
  return 0.5 * (static_cast<double>(n) * std::log(s2) + logdet);  // minus the profile log likelihood (+ const)
}

void GaussianProcess::set(const Eigen::VectorXd& theta) {
  const Eigen::Index d = x_.cols(), n = x_.rows();
  length_ = theta.head(d).array().exp();
  nugget_ = std::exp(theta[d]);
  const Eigen::LLT<Eigen::MatrixXd> llt(correlation(length_, nugget_));
  if (llt.info() != Eigen::Success)
    throw std::runtime_error("emulator: the covariance matrix is not positive definite");
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd ci1 = llt.solve(ones);
  mean_ = ones.dot(llt.solve(y_)) / ones.dot(ci1);
  const Eigen::VectorXd r = y_ - mean_ * ones;
  alpha_ = llt.solve(r);
  s2_ = r.dot(alpha_) / static_cast<double>(n);
  cinv_ = llt.solve(Eigen::MatrixXd::Identity(n, n));
  loglik_ = -profile(theta);
}

void GaussianProcess::fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  if (x.rows() < 3 || x.rows() != y.size()) throw std::invalid_argument("emulator: needs at least 3 points");
  x_ = x;
  // outputs standardised for the fit (the scale is put back in predictions)
  centre_ = y.mean();
  const double sd = std::sqrt((y.array() - centre_).square().sum() / std::max<Eigen::Index>(1, y.size() - 1));
  scale_ = sd > 0 ? sd : 1.0;
  y_ = (y.array() - centre_) / scale_;
  const Eigen::Index d = x.cols();
  Eigen::VectorXd best;
  double best_v = std::numeric_limits<double>::infinity();
  for (double l0 : {0.2, 0.5, 1.5}) {
    for (double g0 : {1e-4, 1e-2}) {
      Eigen::VectorXd t0(d + 1);
      t0.head(d).setConstant(std::log(l0));
      t0[d] = std::log(g0);
      const Eigen::VectorXd t = nelder_mead([this](const Eigen::VectorXd& t) { return profile(t); }, t0, 0.7, 400);
      const double v = profile(t);
      if (v < best_v) best_v = v, best = t;
    }
  }
  if (!std::isfinite(best_v)) throw std::runtime_error("emulator: no length scales fit the design");
  set(best);
}

std::pair<double, double> GaussianProcess::predict(const Eigen::VectorXd& x) const {
  const Eigen::Index n = x_.rows();
  Eigen::VectorXd k(n);
  for (Eigen::Index i = 0; i < n; ++i)
    k[i] = std::exp(-0.5 * ((x_.row(i).transpose() - x).array() / length_.array()).square().sum());
  const double m = mean_ + k.dot(alpha_);
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(n);
  // the process's variance, with the uncertainty of the estimated mean (universal kriging)
  const double u = 1 - ones.dot(cinv_ * k);
  const double v = std::max(0.0, 1 - k.dot(cinv_ * k) + u * u / ones.dot(cinv_ * ones));
  return {centre_ + scale_ * m, scale_ * scale_ * s2_ * v};
}

std::pair<Eigen::VectorXd, Eigen::VectorXd> GaussianProcess::leave_one_out() const {
  const Eigen::VectorXd diag = cinv_.diagonal();
  Eigen::VectorXd m = (y_.array() - alpha_.array() / diag.array()) * scale_ + centre_;  // (y_: standardised)
  Eigen::VectorXd v = (s2_ / diag.array()) * scale_ * scale_;
  return {m, v};
}

}  // namespace govsim::calibrate
