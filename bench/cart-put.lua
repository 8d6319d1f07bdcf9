-- PUT a line's quantity on the anonymous cart named in CART (an absolute set, so repeating it is harmless).
local cart = os.getenv("CART")
local product = os.getenv("PRODUCT")
request = function()
  return wrk.format("PUT", "/cart/v1/carts/" .. cart .. "/items/" .. product,
    { ["Content-Type"] = "application/json" }, '{"quantity": 2}')
end
